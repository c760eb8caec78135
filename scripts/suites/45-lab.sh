# The telephony lab: Kamailio, JsSIP peers in Node, SIPp customers and the browser customer in
# Chromium, proven against each other (no Switchboard code involved). Inside a loopback-only
# network namespace; every test file stops what it started, also when a test fails.
suite_name=lab
suite_runner=node
suite_run() {
  rm -rf "$SB_ROOT/build/lab/runs"   # logs of failed runs from last time
  sb_loopback_only node --test --test-reporter=spec --test-timeout=120000 \
    "$SB_ROOT"/tests/lab/test/*.test.js
}
