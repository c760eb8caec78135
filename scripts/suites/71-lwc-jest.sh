suite_name=lwc-jest
suite_runner=jest
suite_run() {
  (cd "$SB_ROOT/lwc" && CI=true node_modules/.bin/jest --ci)
}
