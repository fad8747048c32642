#!/usr/bin/env bash
# Installs Sealbox as a systemd service on Debian (or a derivative), next to the tor
# configuration of onion-config/. Run it as root from a checkout; running it again updates the
# program and leaves the settings alone.
#
#   deploy/install.sh [--force] [--root DIR] [--build-dir DIR] [--java PATH]
#
#   --force          replace /etc/sealbox/sealbox.yaml and /etc/tor/torrc even if they were
#                    changed (the old file is kept as FILE.<time>.bak)
#   --root DIR       install below DIR instead of /, as a dry run for packaging and tests:
#                    files and modes are written there, while useradd, chown, tor and
#                    systemctl are only printed. The DESTDIR environment variable does the same.
#   --build-dir DIR  take sealbox.jar and libs/ from DIR instead of running "./sealbox build"
#   --java PATH      the java (21 or newer) for the service; default: the first one found in
#                    JAVA_HOME, /usr/bin/java and /usr/lib/jvm
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
ROOT=${DESTDIR:-}
FORCE=0
BUILD_DIR=""
JAVA=""

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
}

die() {
  echo "install.sh: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --force) FORCE=1; shift ;;
    --root) [ $# -ge 2 ] || die "--root needs a directory"; ROOT=$2; shift 2 ;;
    --root=*) ROOT=${1#--root=}; shift ;;
    --build-dir) [ $# -ge 2 ] || die "--build-dir needs a directory"; BUILD_DIR=$2; shift 2 ;;
    --build-dir=*) BUILD_DIR=${1#--build-dir=}; shift ;;
    --java) [ $# -ge 2 ] || die "--java needs a path"; JAVA=$2; shift 2 ;;
    --java=*) JAVA=${1#--java=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

# With a root directory nothing outside it is touched: commands that change the system are
# printed instead of run.
DRY_RUN=0
if [ -n "$ROOT" ]; then
  mkdir -p "$ROOT"
  ROOT=$(cd "$ROOT" && pwd)
  [ "$ROOT" = / ] && ROOT=""
fi
if [ -n "$ROOT" ]; then
  DRY_RUN=1
  echo "Installing below $ROOT (dry run for system commands)."
elif [ "$(id -u)" -ne 0 ]; then
  die "run as root (or use --root DIR for a trial install into a directory)"
fi

SERVICE_USER=sealbox
TOR_USER=debian-tor
OPT=$ROOT/opt/sealbox
DATA=$ROOT/var/lib/sealbox
ETC=$ROOT/etc/sealbox
UNIT=$ROOT/etc/systemd/system/sealbox.service
TORRC=$ROOT/etc/tor/torrc
TOR_LIB=$ROOT/var/lib/tor
STAMP=$(date +%Y%m%d%H%M%S)

# Runs a command that changes the system, or prints it during a dry run.
system() {
  if [ "$DRY_RUN" -eq 1 ]; then
    echo "  would run:$(printf ' %q' "$@")"
  else
    "$@"
  fi
}

# Creates directory $1 with mode $2 and owner $3 (user:group); fixes mode and owner when it exists.
make_dir() {
  mkdir -p "$1"
  chmod "$2" "$1"
  system chown "$3" "${1#"$ROOT"}"
}

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

is_java21() {
  local major
  [ -x "$1" ] || return 1
  major=$(java_major "$1")
  [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null
}

find_java() {
  local candidate
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/bin/java /usr/lib/jvm/*/bin/java; do
    if is_java21 "$candidate"; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# Installs $1 as $2 unless $2 exists with other content; --force replaces it after a backup.
# Returns 0 when $2 now has the content of $1.
install_config() {
  local source=$1 target=$2 mode=$3
  if [ -f "$target" ] && cmp -s "$source" "$target"; then
    echo "  $target is up to date"
    return 0
  fi
  if [ -f "$target" ]; then
    if [ "$FORCE" -eq 0 ] && ! is_packaged_default "$target"; then
      echo "  kept $target, which differs from $source: merge by hand, or rerun with --force"
      return 1
    fi
    cp -p "$target" "$target.$STAMP.bak"
    echo "  saved the previous $target as $target.$STAMP.bak"
  fi
  install -m "$mode" "$source" "$target"
  echo "  installed $target"
}

# True when $1 is /etc/tor/torrc exactly as Debian's tor package shipped it, which only
# contains comments, so replacing it loses nothing.
is_packaged_default() {
  local recorded
  [ "${1#"$ROOT"}" = /etc/tor/torrc ] || return 1
  command -v dpkg-query >/dev/null 2>&1 || return 1
  recorded=$(dpkg-query -W -f='${Conffiles}\n' tor 2>/dev/null | awk '$1 == "/etc/tor/torrc" {print $2}')
  [ -n "$recorded" ] && [ "$(md5sum < "$1" | cut -d' ' -f1)" = "$recorded" ]
}

echo "1. Build"
if [ -z "$BUILD_DIR" ]; then
  "$REPO/sealbox" build
  BUILD_DIR=$REPO/target
fi
[ -f "$BUILD_DIR/sealbox.jar" ] || die "$BUILD_DIR/sealbox.jar is missing: build first (./sealbox build)"
[ -d "$BUILD_DIR/libs" ] || die "$BUILD_DIR/libs is missing: build first (./sealbox build)"

echo "2. Java"
if [ -n "$JAVA" ]; then
  is_java21 "$JAVA" || die "$JAVA is not a Java 21 or newer"
elif ! JAVA=$(find_java); then
  if [ "$DRY_RUN" -eq 0 ]; then
    die "no Java 21 or newer found: install one (for example apt-get install openjdk-21-jre-headless, or Temurin 21) or pass --java PATH"
  fi
  JAVA=/usr/bin/java
  echo "  no Java 21 or newer found; the unit keeps $JAVA"
fi
echo "  the service runs $JAVA"

echo "3. User $SERVICE_USER"
if [ "$DRY_RUN" -eq 0 ] && getent passwd "$SERVICE_USER" >/dev/null; then
  echo "  exists"
else
  system useradd --system --user-group --home-dir /var/lib/sealbox --no-create-home \
    --shell /usr/sbin/nologin --comment "Sealbox portal" "$SERVICE_USER"
fi

echo "4. Directories"
make_dir "$OPT" 0755 root:root
make_dir "$OPT/bin" 0755 root:root
make_dir "$OPT/doc" 0755 root:root
make_dir "$DATA" 0700 "$SERVICE_USER:$SERVICE_USER"
make_dir "$DATA/native" 0700 "$SERVICE_USER:$SERVICE_USER"
make_dir "$ETC" 0750 "root:$SERVICE_USER"
mkdir -p "$(dirname "$UNIT")"

echo "5. Program in $OPT"
install -m 0644 "$BUILD_DIR/sealbox.jar" "$OPT/sealbox.jar"
# A fresh libs/ each time, so that jars of replaced dependency versions do not stay behind.
rm -rf "$OPT/libs.new"
mkdir -m 0755 "$OPT/libs.new"
install -m 0644 "$BUILD_DIR"/libs/*.jar "$OPT/libs.new/"
rm -rf "$OPT/libs"
mv "$OPT/libs.new" "$OPT/libs"
install -m 0644 "$REPO/README.md" "$OPT/doc/README.md"
install -m 0644 "$REPO/onion-config/README.md" "$OPT/doc/onion-config.md"
install -m 0644 "$REPO/deploy/nginx-sealbox.conf" "$OPT/doc/nginx-sealbox.conf"
# The command-line wrapper runs commands such as create-officer with the service's settings
# and as the service user, so that files it creates in the data directory stay readable.
cat > "$OPT/bin/sealbox.new" <<WRAPPER
#!/bin/sh
# Runs a Sealbox command with the installed service's settings, as the $SERVICE_USER user.
# Example: /opt/sealbox/bin/sealbox create-officer alice --role administrator
if [ "\$(id -u)" -eq 0 ]; then
  exec runuser -u $SERVICE_USER -- "\$0" "\$@"
fi
SEALBOX_DATA_DIR=/var/lib/sealbox exec $JAVA --enable-native-access=ALL-UNNAMED -Xmx256m \\
  -Djava.awt.headless=true -Djna.tmpdir=/var/lib/sealbox/native \\
  -jar /opt/sealbox/sealbox.jar --config /etc/sealbox/sealbox.yaml "\$@"
WRAPPER
chmod 0755 "$OPT/bin/sealbox.new"
mv "$OPT/bin/sealbox.new" "$OPT/bin/sealbox"
echo "  installed sealbox.jar, $(ls "$OPT/libs" | wc -l) libraries and bin/sealbox"

echo "6. Settings"
install_config "$REPO/deploy/sealbox.yaml" "$ETC/sealbox.yaml" 0640 || true
system chown "root:$SERVICE_USER" /etc/sealbox/sealbox.yaml

echo "7. systemd unit"
sed "s|^ExecStart=/usr/bin/java |ExecStart=$JAVA |" "$REPO/deploy/sealbox.service" > "$UNIT.new"
chmod 0644 "$UNIT.new"
if [ -f "$UNIT" ] && cmp -s "$UNIT.new" "$UNIT"; then
  rm "$UNIT.new"
  echo "  $UNIT is up to date"
else
  mv "$UNIT.new" "$UNIT"
  echo "  installed $UNIT"
fi

echo "8. tor"
if [ "$DRY_RUN" -eq 0 ] && ! command -v tor >/dev/null 2>&1 && [ ! -x /usr/sbin/tor ]; then
  echo "  tor is not installed, so /etc/tor/torrc was left alone."
  echo "  Install it (apt-get install tor) and run this script again."
else
  mkdir -p "$(dirname "$TORRC")"
  install_config "$REPO/onion-config/torrc" "$TORRC" 0644 || true
  # Tor creates these itself with mode 0700; creating them now lets officers' keys go into
  # authorized_clients/ before tor first publishes the admin service.
  if [ "$DRY_RUN" -eq 1 ] || getent passwd "$TOR_USER" >/dev/null; then
    [ -d "$TOR_LIB" ] || make_dir "$TOR_LIB" 2700 "$TOR_USER:$TOR_USER"
    make_dir "$TOR_LIB/sealbox-public" 0700 "$TOR_USER:$TOR_USER"
    make_dir "$TOR_LIB/sealbox-admin" 0700 "$TOR_USER:$TOR_USER"
    make_dir "$TOR_LIB/sealbox-admin/authorized_clients" 0700 "$TOR_USER:$TOR_USER"
  else
    echo "  user $TOR_USER is missing; tor creates the service directories when it starts"
  fi
  system tor --defaults-torrc /usr/share/tor/tor-service-defaults-torrc -f /etc/tor/torrc --verify-config
fi

echo "9. systemd"
if [ "$DRY_RUN" -eq 0 ] && [ ! -d /run/systemd/system ]; then
  echo "  systemd is not running here; run 'systemctl daemon-reload' on the target system"
else
  system systemctl daemon-reload
fi

cat <<NEXT

Done. Next steps:
  1. Review /etc/sealbox/sealbox.yaml (organisation name, time zone, privacy links).
  2. Start Sealbox:         systemctl enable --now sealbox
     Its log:               journalctl -u sealbox
  3. First officer:         /opt/sealbox/bin/sealbox create-officer NAME --role administrator
  4. Officers' tor keys, before tor publishes the admin service:
       /opt/sealbox/bin/sealbox onion-client-key NAME --onion ADDRESS
     and see /opt/sealbox/doc/onion-config.md for where each line goes.
  5. Restart tor:           systemctl restart tor
     Addresses:             /var/lib/tor/sealbox-public/hostname (reporters)
                            /var/lib/tor/sealbox-admin/hostname (officers)
  Optional: /opt/sealbox/doc/nginx-sealbox.conf for text browsers that speak only HTTP/1.0.
NEXT
