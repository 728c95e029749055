#!/usr/bin/env bash
# Set up and run the whole test suite:  ./test.sh   (extra arguments go to pytest)
# Uses SQLite unless DATABASE_URL points elsewhere (.ci/run points it at PostgreSQL).
cd "$(dirname "$0")"
source scripts/venv.sh
install_requirements requirements-test.txt

# Browser tests need Debian's Chromium; gettext lets the i18n test find untranslated text.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v xgettext >/dev/null || missing+=(gettext)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> Installing ${missing[*]} from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
[ -x /usr/bin/chromium ] || echo "NOTICE: /usr/bin/chromium is missing and cannot be installed (not root): browser tests are SKIPPED." >&2

echo "==> ruff check, ruff format --check"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "==> lint-imports (core <- apps <- profiling_followup)"
.venv/bin/lint-imports
echo "==> makemigrations --check"
.venv/bin/python manage.py makemigrations --check --dry-run
echo "==> pytest"
# loadgroup: tests marked xdist_group (the live gunicorn servers) share one worker and its servers.
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-auto}" --dist loadgroup "$@"
