#!/bin/sh
# Mail servers for the mail channel tests (test/email): Dovecot IMAP + LMTP. The tests start their own
# copies on free loopback ports with configs in temp folders; the packaged service is not used.
set -eu
if command -v dovecot >/dev/null 2>&1 && [ -x /usr/lib/dovecot/lmtp ]; then
  echo "dovecot already installed: $(dovecot --version)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends dovecot-imapd dovecot-lmtpd
# The package may start the system service on 143/24; the tests do not need it.
if command -v service >/dev/null 2>&1; then service dovecot stop >/dev/null 2>&1 || true; fi
dovecot --version
