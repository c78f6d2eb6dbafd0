#!/bin/sh
# What the tests need from Debian: Dovecot (IMAP + LMTP) and Postfix (outbound SMTP, run as root by the
# mail tests with their own config folder) for the mail channel, Chromium for the browser tests, CJK
# fonts for Chinese in screenshots, unzip to check the Teams package, OpenLDAP (slapd, ldap-utils) for
# directory actions, Prometheus Alertmanager for monitoring alerts and PostgreSQL 15 for the stores'
# PostgreSQL contract tests (run as the postgres user with initdb/pg_ctl in a temp folder; pg_dump for backups) and
# nginx for the load-balancer test of docs/nginx/frontdesk.conf (its own prefix folder, a free port). Tests start their own servers on
# free loopback ports with configs in temp folders; the packaged services are not used.
set -eu
need=""
command -v dovecot >/dev/null 2>&1 && [ -x /usr/lib/dovecot/lmtp ] || need="$need dovecot-imapd dovecot-lmtpd"
command -v postfix >/dev/null 2>&1 || need="$need postfix"
command -v chromium >/dev/null 2>&1 || need="$need chromium"
[ -d /usr/share/fonts/opentype/noto ] || need="$need fonts-noto-cjk"
command -v unzip >/dev/null 2>&1 || need="$need unzip"
[ -x /usr/sbin/slapd ] && command -v ldapadd >/dev/null 2>&1 || need="$need slapd ldap-utils"
command -v prometheus-alertmanager >/dev/null 2>&1 || need="$need prometheus-alertmanager"
[ -x /usr/lib/postgresql/15/bin/pg_ctl ] && [ -x /usr/lib/postgresql/15/bin/initdb ] || need="$need postgresql"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need="$need nginx"
# --missing: only print what is missing (npm's pretest asks before deciding whether to install).
if [ "${1:-}" = "--missing" ]; then echo "$need"; exit 0; fi
if [ -n "$need" ]; then
  export DEBIAN_FRONTEND=noninteractive
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections 2>/dev/null || true
  apt-get update -qq
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  apt-get install -y -qq --no-install-recommends $need
fi
# The dovecot package may start the system service on 143/24; the tests do not need it.
# Neither do they use the system Postfix (its package is told "No configuration" so it asks nothing).
if command -v service >/dev/null 2>&1; then service dovecot stop >/dev/null 2>&1 || true; service postfix stop >/dev/null 2>&1 || true; service slapd stop >/dev/null 2>&1 || true; service prometheus-alertmanager stop >/dev/null 2>&1 || true; service postgresql stop >/dev/null 2>&1 || true; service nginx stop >/dev/null 2>&1 || true; fi
echo "system packages ready: $(dovecot --version 2>/dev/null | head -1), postfix $(postconf -d -h mail_version 2>/dev/null), $(chromium --version 2>/dev/null | head -1)"
