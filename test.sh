#!/usr/bin/env bash
# Set up and run the whole test suite:  ./test.sh   (extra arguments go to pytest)
# Uses SQLite unless DATABASE_URL points elsewhere (.ci/run points it at PostgreSQL).
cd "$(dirname "$0")"
source scripts/venv.sh
install_requirements requirements-test.txt

# Browser tests need Debian's Chromium; gettext lets the i18n test find untranslated text;
# the PDF report needs Pango.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v xgettext >/dev/null || missing+=(gettext)
if pango_missing; then missing+=("${PANGO_PACKAGES[@]}"); fi
install_debian_packages "${missing[@]}"
[ -x /usr/bin/chromium ] || echo "NOTICE: /usr/bin/chromium is missing and cannot be installed (not root): browser tests are SKIPPED." >&2
if pango_missing; then echo "WARNING: Pango is missing (apt-get install ${PANGO_PACKAGES[*]}): the PDF tests will fail." >&2; fi

echo "==> ruff check, ruff format --check"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "==> lint-imports (core <- apps <- profiling_followup)"
.venv/bin/lint-imports
echo "==> makemigrations --check"
.venv/bin/python manage.py makemigrations --check --dry-run
echo "==> pytest"
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-auto}" "$@"
