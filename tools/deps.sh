#!/bin/sh
# deps.sh: installs the Debian packages the project needs (build, run, test), when missing.
# As root it runs apt-get itself; as another user it uses sudo when available, else prints the
# command to run. Set BAROMETRE_NO_R=1 to skip R: the comparisons with R then print "skip"
# (outside CI; under CI, and without that setting, a missing R fails them).
set -eu

PKGS="build-essential pkg-config make
libpq-dev libcsv-dev libcairo2-dev libpango1.0-dev libzip-dev libexpat1-dev libssl-dev
libfyaml-dev libcmocka-dev
libpoppler-glib-dev libzbar-dev libqrencode-dev libgdk-pixbuf-2.0-dev
postgresql postgresql-contrib
poppler-utils fonts-dejavu-core zip unzip ca-certificates man-db groff-base
python3"
if [ "${BAROMETRE_NO_R:-0}" != 1 ]; then
	PKGS="$PKGS r-base-core r-cran-survey"
fi

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
if [ -z "$missing" ]; then
	echo "deps: tous les paquets nécessaires sont installés."
	exit 0
fi

echo "deps: paquets à installer :$missing"
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "deps: lancez en tant que root : apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
