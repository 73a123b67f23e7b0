#!/bin/sh
# Builds every fixture and every edit variant (overlaid on a copy of its
# project) as a plain program, runs it for three ticks and compares the
# last line with expected.txt. Fixtures listed in SANITIZE are built and
# run a second time with AddressSanitizer and UBSan (SANITIZE="a b ..."
# in the environment overrides the list). A fixture X with a folder
# plugins/X/ loads a plugin at run time: its sources are built on their own
# into plugin.so (gcc -shared -fPIC), the program is linked -rdynamic, as
# programs that load plugins are, and runs as `prog 1 3 plugin.so`. Then
# projects/check.sh builds the projects of projects/ with their own builds.
#
# Usage: check.sh BUILD_DIR   (everything is written under BUILD_DIR)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
build=$(cd "$1" && pwd)
expected="$here/expected.txt"
# hcr.h (reload-point) from the runtime's headers, as a plain build sees it
cflags="-std=c11 -Wall -Wextra -Werror -I$here/../hcr-native/include"
sanflags="-g -fsanitize=address,undefined -fno-sanitize-recover=all"
SANITIZE=${SANITIZE:-b08-global-grows demo}
failures=0

export LC_ALL=C

# expect ID: the expected line for fixture[/variant] ID, empty if none
expect()
{
	awk -v id="$1" '$1 == id { sub(/^[^ ]+ /, ""); print; exit }' "$expected"
}

# stage ID DIR: copy the project to DIR/src and overlay the variant
stage()
{
	name=${1%%/*}
	rm -rf "$2"
	mkdir -p "$2/src"
	cp -R "$here/$name/." "$2/src/"
	case $1 in
	*/*)
		cp -R "$here/edits/$1/." "$2/src/"
		find "$2/src" -name '*.delete' | while read -r marker; do
			rm -f "$marker" "${marker%.delete}"
		done
		;;
	esac
}

fail()
{
	echo "FAIL $1: $2"
	failures=$((failures + 1))
}

# plugin ID DIR: build plugins/<fixture>/*.c into DIR/plugin.so, if any
plugin()
{
	src="$here/plugins/${1%%/*}"
	rm -f "$2/plugin.so"
	[ -d "$src" ] || return 0
	if ! gcc $cflags -shared -fPIC "$src"/*.c -o "$2/plugin.so" >"$2/plugin.log" 2>&1; then
		fail "$1" "plugin build failed: $(head -n 3 "$2/plugin.log")"
		return 1
	fi
}

# run ID DIR WANT EXTRA_CFLAGS: build DIR/src into DIR/prog, run, compare.
# WANT "startup=N <line>": the program prints N lines before its first tick
# (HCR_INIT output or constructors': a plain build runs them before main),
# so 3 + N lines. "teardown=M" after it: M more lines after the third tick
# (destructors at exit), and <line> is the third tick's.
# With DIR/plugin.so the program is linked -rdynamic and gets it as argument.
run()
{
	startup=0 teardown=0
	case $3 in
	startup=*)
		startup=${3%% *}
		startup=${startup#startup=}
		set -- "$1" "$2" "${3#* }" "$4"
		;;
	esac
	case $3 in
	teardown=*)
		teardown=${3%% *}
		teardown=${teardown#teardown=}
		set -- "$1" "$2" "${3#* }" "$4"
		;;
	esac
	link= plugin_arg=
	if [ -f "$2/plugin.so" ]; then
		link=-rdynamic plugin_arg=$2/plugin.so
	fi
	if ! (cd "$2/src" && gcc $cflags $4 $link *.c -lm -o ../prog) >"$2/build.log" 2>&1; then
		fail "$1" "build failed: $(head -n 3 "$2/build.log")"
		return
	fi
	status=0
	timeout 10 "$2/prog" 1 3 $plugin_arg </dev/null >"$2/out" 2>"$2/err" || status=$?
	if [ "$status" -ne 0 ]; then
		fail "$1" "exit status $status: $(head -n 5 "$2/err")"
		return
	fi
	lines=$(wc -l <"$2/out")
	last=$(sed -n "$((3 + startup))p" "$2/out")
	if [ "$lines" -ne $((3 + startup + teardown)) ] || [ "$last" != "$3" ]; then
		fail "$1" "$lines lines, last '$last', want '$3'"
	elif [ -s "$2/err" ]; then
		fail "$1" "stderr: $(head -n 3 "$2/err")"
	else
		echo "ok   $1${4:+ (sanitized)}: $last"
	fi
}

# build_fails ID DIR WANT: the build must fail and print WANT
build_fails()
{
	if (cd "$2/src" && gcc $cflags *.c -lm -o ../prog) >"$2/build.log" 2>&1; then
		fail "$1" "build succeeded, want '$3'"
	elif ! grep -qF -- "$3" "$2/build.log"; then
		fail "$1" "no '$3' in: $(head -n 3 "$2/build.log")"
	else
		echo "ok   $1: $3"
	fi
}

check()
{
	dir="$build/$(echo "$1" | sed 's|/|--|')"
	want=$(expect "$1")
	if [ -z "$want" ]; then
		fail "$1" "no line in expected.txt"
		return
	fi
	stage "$1" "$dir"
	plugin "$1" "$dir" || return
	case $want in
	"build-fails "*)
		build_fails "$1" "$dir" "${want#build-fails }"
		return
		;;
	esac
	run "$1" "$dir" "$want" ""
	for san in $SANITIZE; do
		if [ "${1%%/*}" = "$san" ]; then
			run "$1" "$dir" "$want" "$sanflags"
		fi
	done
}

for project in "$here"/*/; do
	name=$(basename "$project")
	case $name in
	edits | scenarios | target | projects | plugins) continue ;;
	esac
	# a fixture is a folder of .c files; other folders (data for other tests) are not
	if ! ls "$project"*.c >/dev/null 2>&1; then
		continue
	fi
	check "$name"
	if [ -d "$here/edits/$name" ]; then
		for variant in "$here/edits/$name"/*/; do
			check "$name/$(basename "$variant")"
		done
	fi
done

for edits in "$here"/edits/*/; do
	name=$(basename "$edits")
	if [ ! -d "$here/$name" ]; then
		fail "edits/$name" "no fixture $name"
	fi
done

# projects/: whole projects with builds of their own (Makefile, CMake, hcr.toml)
if ! sh "$here/projects/check.sh" "$build/projects"; then
	failures=$((failures + 1))
fi

if [ "$failures" -ne 0 ]; then
	echo "$failures fixture check(s) failed"
	exit 1
fi
