#!/bin/sh
# Builds each project of projects/ with its own build (make, cmake, or for hand-toml the
# plain compile its hcr.toml describes) in a copy under BUILD_DIR, runs each program as
# `prog 1 3 </dev/null` and compares the last of its 3 lines with expected.txt. It also
# checks what each project is there to exercise: the archive's members, the hidden
# symbols, the compile database, the excluded file that does not compile. A tool a project
# needs (cmake, pkg-config and zlib) that is missing fails under CI=true and skips the
# project elsewhere, as test-support's RequiredTool does.
#
# Usage: check.sh BUILD_DIR   (everything is written under BUILD_DIR)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
build=$(cd "$1" && pwd)
expected="$here/expected.txt"
failures=0

export LC_ALL=C

fail()
{
	echo "FAIL $1: $2"
	failures=$((failures + 1))
}

# expect ID: the expected line for project/program ID
expect()
{
	awk -v id="$1" '$1 == id { sub(/^[^ ]+ /, ""); print; exit }' "$expected"
}

# need PROJECT WHAT TEST...: runs TEST; when it fails, the project cannot be checked here
need()
{
	project=$1
	what=$2
	shift 2
	if "$@" >/dev/null 2>&1; then
		return 0
	fi
	if [ "${CI:-}" = true ]; then
		fail "$project" "$what is missing, and CI=true: this check must run on CI (run-tests installs it)"
	else
		echo "skip $project: $what is missing (set CI=true to make this a failure)"
	fi
	return 1
}

# stage PROJECT: a fresh copy of the project under BUILD_DIR; prints its path
stage()
{
	rm -rf "${build:?}/$1"
	cp -R "$here/$1" "$build/$1"
	echo "$build/$1"
}

# builds ID DIR COMMAND...: runs the build, output to DIR/build.log
builds()
{
	id=$1
	dir=$2
	shift 2
	if ! (cd "$dir" && "$@") >"$dir/build.log" 2>&1; then
		fail "$id" "build failed ($*): $(tail -n 5 "$dir/build.log")"
		return 1
	fi
}

# runs ID PROGRAM [ENV=VALUE...]: runs `PROGRAM 1 3`, compares with expected.txt
runs()
{
	id=$1
	prog=$2
	shift 2
	want=$(expect "$id")
	if [ -z "$want" ]; then
		fail "$id" "no line in expected.txt"
		return
	fi
	status=0
	env "$@" timeout 10 "$prog" 1 3 </dev/null >"$prog.out" 2>"$prog.err" || status=$?
	lines=$(wc -l <"$prog.out")
	last=$(tail -n 1 "$prog.out")
	if [ "$status" -ne 0 ]; then
		fail "$id" "exit status $status: $(head -n 5 "$prog.err")"
	elif [ "$lines" -ne 3 ] || [ "$last" != "$want" ]; then
		fail "$id" "$lines lines, last '$last', want '$want'"
	elif [ -s "$prog.err" ]; then
		fail "$id" "stderr: $(head -n 3 "$prog.err")"
	else
		echo "ok   projects/$id: $last"
	fi
}

# holds ID WHAT COMMAND...: COMMAND must succeed, else WHAT is reported
holds()
{
	id=$1
	what=$2
	shift 2
	if "$@" >/dev/null 2>&1; then
		echo "ok   projects/$id: $what"
	else
		fail "$id" "not so: $what"
	fi
}

# symbol FILE VISIBILITY NAME [symbol ...]: FILE's symbol table has NAME with that
# visibility (defined or referenced); further triples are checked the same way
symbol()
{
	readelf -sW "$1" | awk -v vis="$2" -v name="$3" '$6 == vis && $8 == name { found = 1 } END { exit !found }' || return 1
	if [ $# -gt 3 ]; then
		shift 3
		"$@"
	fi
}

check_make_two_programs()
{
	dir=$(stage make-two-programs)
	builds make-two-programs "$dir" make CFLAGS='-O0 -g -Werror' || return 0
	runs make-two-programs/calc "$dir/calc"
	runs make-two-programs/report "$dir/report"
	holds make-two-programs "libshared.a holds scale.o and label.o" \
		test "$(ar t "$dir/libshared.a" | tr '\n' ' ')" = "scale.o label.o "
}

check_hidden_visibility()
{
	dir=$(stage hidden-visibility)
	builds hidden-visibility "$dir" make CFLAGS='-O0 -g -Werror' || return 0
	runs hidden-visibility/hidden "$dir/hidden"
	holds hidden-visibility "table.c: the HV_DDEF table hv_names is hidden" symbol "$dir/table.o" HIDDEN hv_names
	holds hidden-visibility "table.c: hv_weights and hv_weight, in the pragma block, are hidden" \
		symbol "$dir/table.o" HIDDEN hv_weights symbol "$dir/table.o" HIDDEN hv_weight
	holds hidden-visibility "step.c: hv_step (HV_FUNC) is hidden, hv_tag internal" \
		symbol "$dir/step.o" HIDDEN hv_step symbol "$dir/step.o" INTERNAL hv_tag
	holds hidden-visibility "main.c: main is hidden too (-fvisibility=hidden)" symbol "$dir/main.o" HIDDEN main
}

check_pkg_config_dep()
{
	need pkg-config-dep "pkg-config" command -v pkg-config || return 0
	need pkg-config-dep "zlib for pkg-config (zlib1g-dev)" pkg-config --exists zlib || return 0
	dir=$(stage pkg-config-dep)
	builds pkg-config-dep "$dir" make CFLAGS='-O0 -g -Werror' || return 0
	runs pkg-config-dep/crcs "$dir/crcs"
	libs=$(pkg-config --libs zlib | sed 's/ *$//')
	holds pkg-config-dep "the link line has pkg-config's $libs" grep -qF -- "$libs" "$dir/build.log"
}

check_cmake_db()
{
	need cmake-db "cmake" command -v cmake || return 0
	dir=$(stage cmake-db)
	builds cmake-db "$dir" cmake -S . -B build -DCMAKE_C_FLAGS=-Werror || return 0
	holds cmake-db "configuring wrote build/compile_commands.json with the 4 sources" \
		test "$(grep -c '"file":' "$dir/build/compile_commands.json" 2>/dev/null)" -eq 4
	builds cmake-db "$dir" cmake --build build || return 0
	runs cmake-db/shapes "$dir/build/shapes"
	holds cmake-db "libgeometry.a is a static archive of area.c.o and perimeter.c.o" \
		test "$(ar t "$dir/build/libgeometry.a" | sort | tr '\n' ' ')" = "area.c.o perimeter.c.o "
}

check_hand_toml()
{
	dir=$(stage hand-toml)
	# what hcr.toml says: [build] flags, include_dirs, defines, src/*.c minus the exclude, link
	builds hand-toml "$dir" cc -std=c11 -Wall -Wextra -Werror -Iinclude -DWAVE_AMPLITUDE=100 \
		src/main.c src/platform_linux.c src/wave.c -lm -o wave || return 0
	# with hcr.toml's [program] env
	runs hand-toml/wave "$dir/wave" WAVE_LABEL=hand
	holds hand-toml "the excluded src/platform_win.c does not compile here" \
		sh -c "! cc -std=c11 -Iinclude -DWAVE_AMPLITUDE=100 -c '$dir/src/platform_win.c' -o /dev/null"
	holds hand-toml "src/*.c minus the exclude is main.c platform_linux.c wave.c" \
		test "$(cd "$dir" && ls src/*.c | grep -vx src/platform_win.c | tr '\n' ' ')" = \
			"src/main.c src/platform_linux.c src/wave.c "
}

for project in "$here"/*/; do
	name=$(basename "$project")
	case $name in
	make-two-programs) check_make_two_programs ;;
	hidden-visibility) check_hidden_visibility ;;
	pkg-config-dep) check_pkg_config_dep ;;
	cmake-db) check_cmake_db ;;
	hand-toml) check_hand_toml ;;
	*) fail "$name" "no check for this project in projects/check.sh" ;;
	esac
done

if [ "$failures" -ne 0 ]; then
	echo "$failures project check(s) failed"
	exit 1
fi
