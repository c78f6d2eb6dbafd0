#!/bin/sh
# npm pretest: make sure the Debian packages the tests need are here (Dovecot, Postfix, Chromium, CJK fonts, unzip, slapd, Alertmanager, PostgreSQL),
# so the browser and mail suites never fail to launch or skip on a fresh machine.
# - everything present: nothing happens;
# - something missing and running as root: .ci/install-system.sh installs it (apt-get);
# - something missing and not root: nothing is installed, the missing packages and the command to run
#   are printed, and npm test stops here (those suites would fail anyway).
set -eu
here=$(dirname "$0")
missing=$(sh "$here/install-system.sh" --missing)
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ]; then
  echo "pretest: installing the system packages the tests need:$missing"
  exec sh "$here/install-system.sh"
fi
echo "pretest: the tests need these Debian packages, missing here:$missing" >&2
echo "pretest: not running as root, so nothing was installed; run as root: sh .ci/install-system.sh" >&2
echo "pretest: (or: sudo apt-get install -y --no-install-recommends$missing), then npm test again" >&2
exit 1
