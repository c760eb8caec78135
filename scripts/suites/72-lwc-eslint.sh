suite_name=lwc-eslint
suite_runner=tally
suite_run() {
  # One test per linted file: passes with no error and no warning (@salesforce/eslint-config-lwc).
  (cd "$SB_ROOT/lwc" && node_modules/.bin/eslint --format json . > "$SB_ROOT/build/test-logs/lwc-eslint.json"; status=$?
   node -e '
     const results = require(process.argv[1]);
     let passed = 0, failed = 0;
     for (const r of results) {
       const problems = r.errorCount + r.warningCount;
       if (problems) {
         failed++;
         for (const m of r.messages) console.log(`${r.filePath}:${m.line}:${m.column} ${m.ruleId || ""} ${m.message}`);
       } else passed++;
     }
     console.log(`eslint checked ${results.length} files`);
     console.log(`tally: ${passed} passed, ${failed} failed`);
     process.exit(failed ? 1 : 0);
   ' "$SB_ROOT/build/test-logs/lwc-eslint.json" && [ "$status" -eq 0 ])
}
