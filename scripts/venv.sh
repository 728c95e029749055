# Sourced by run.sh and test.sh: makes .venv with Python 3.11+ and installs a requirements
# file into it, again only when that file changed.
set -euo pipefail

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Python 3.11 or newer is needed (found: $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "==> Creating the virtual environment in .venv"
  "$PYTHON" -m venv .venv
fi

install_requirements() {
  local file=$1 stamp=".venv/.installed-$1"
  local wanted
  wanted=$(cat requirements*.txt | sha256sum)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "==> Installing $file"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$file"
    echo "$wanted" > "$stamp"
  fi
}

# Debian packages: installed with apt-get when this runs as root, else left to the caller.
install_debian_packages() {
  if [ $# -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> Installing $* from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}

# Pango, which WeasyPrint loads to draw the committee report as a PDF.
PANGO_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0)
pango_missing() {
  ! PATH="$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1\.0\.so\.0'
}
