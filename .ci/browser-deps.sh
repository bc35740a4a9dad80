#!/usr/bin/env bash
# Headless Chromium and an Arabic-capable font for the browser tests (tests/test_map_browser.py).
# Playwright's own browser download is not used: the tests launch /usr/bin/chromium. Idempotent.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    echo "browser-deps: /usr/bin/chromium present, nothing to do"
    exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y chromium fonts-noto-core
