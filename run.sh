#!/usr/bin/env bash
# Set up and start the application with demo data and demo accounts:  ./run.sh
# Then open http://127.0.0.1:8000 and log in with one of the accounts printed below.
cd "$(dirname "$0")"
source scripts/venv.sh
install_requirements requirements.txt
# The committee report as PDF needs Pango.
if pango_missing; then install_debian_packages "${PANGO_PACKAGES[@]}"; fi
if pango_missing; then echo "WARNING: Pango is missing (apt-get install ${PANGO_PACKAGES[*]}): the report cannot be downloaded as PDF." >&2; fi

echo "==> Preparing the database"
.venv/bin/python manage.py migrate --noinput
echo "==> Loading the demo data (committee of 19/02/2024)"
.venv/bin/python manage.py load_demo
echo
echo "==> Starting on http://127.0.0.1:8000  (stop with Ctrl+C)"
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
