#!/usr/bin/env bash
# Set up and run the whole test suite:  ./test.sh   (extra arguments go to pytest)
# Uses SQLite unless DATABASE_URL points elsewhere (.ci/run points it at PostgreSQL).
cd "$(dirname "$0")"
source scripts/venv.sh
install_requirements requirements-test.txt

# Browser tests need Debian's Chromium; gettext lets the i18n test find untranslated text;
# the PDF report needs Pango; the HTML check runs the Nu HTML Checker, a Java program from
# the npm registry.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v xgettext >/dev/null || missing+=(gettext)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v npm >/dev/null || missing+=(npm)
if pango_missing; then missing+=("${PANGO_PACKAGES[@]}"); fi
install_debian_packages "${missing[@]}"
[ -x /usr/bin/chromium ] || echo "NOTICE: /usr/bin/chromium is missing and cannot be installed (not root): browser tests are SKIPPED." >&2
if pango_missing; then echo "WARNING: Pango is missing (apt-get install ${PANGO_PACKAGES[*]}): the PDF tests will fail." >&2; fi

# The Nu HTML Checker (vnu.jar), pinned, into .venv/vnu (tests/test_html_validity.py); no
# install script: it would download a Java of its own, where Debian's is used.
VNU_VERSION=26.9.27
vnu_package=.venv/vnu/node_modules/vnu-jar/package.json
if command -v npm >/dev/null && ! grep -qs "\"version\": \"$VNU_VERSION\"" "$vnu_package"; then
  echo "==> Installing the Nu HTML Checker $VNU_VERSION (npm: vnu-jar)"
  npm install --prefix .venv/vnu --ignore-scripts --no-audit --no-fund --loglevel=error "vnu-jar@$VNU_VERSION" >/dev/null
fi
[ -f "$vnu_package" ] && command -v java >/dev/null || echo "NOTICE: Java or the Nu HTML Checker is missing and cannot be installed (not root): the HTML check is SKIPPED." >&2

echo "==> ruff check, ruff format --check"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "==> lint-imports (core <- apps <- profiling_followup)"
.venv/bin/lint-imports
echo "==> makemigrations --check"
.venv/bin/python manage.py makemigrations --check --dry-run
echo "==> pytest"
# loadgroup: tests marked xdist_group (those that run the app in other processes: gunicorn,
# commands, backups) share one worker, which builds their template databases.
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-auto}" --dist loadgroup "$@"
