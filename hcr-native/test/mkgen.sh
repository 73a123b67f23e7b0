#!/bin/sh
# mkgen.sh BUILD N EDITS INCLUDE
#
# Builds and publishes generation N of a test project into BUILD (a build
# folder: BUILD/gen/N, BUILD/gen/current), the way hcr's compiler does it
# (docs/internals.md sections 1-6). EDITS holds the edit that makes
# generation N: its .c files are written into the project, and a file named
# `delete` lists module ids to remove. Modules are flat (id = file stem).
# Generation N > 1 also gets a delta group (section 4) when gen/N-1 exists.
# If EDITS/postgen.sh exists it runs on the published gen/N folder before
# gen/current is written, to break a generation on purpose. If EDITS/cflags
# exists, its words are added to every later compile of the project (e.g.
# -O2 -fcf-protection); modules are always compiled with the patchable
# entries old versions forward through (-fpatchable-function-entry=9,7
# -falign-functions=16), as the compiler does. If EDITS/sites exists, the
# project's statics get staticref records from then on (section 6): modules
# are compiled -fdata-sections, as the compiler does, and linked keeping
# their relocations (-Wl,-q) with every static's section an output section
# of its own, so each relocation ld kept names the static it addresses.
#
# Test scaffolding only: it recompiles every module, and decides "kept" by
# comparing sources, not rename maps.
set -eu
n=$2 edits=$3 inc=$4
build=$(mkdir -p "$1" && cd "$1" && pwd)
state=$build/state tree=$build/state/tree gen=$build/gen
tmp=$gen/.tmp-$n

mkdir -p "$state/obj" "$state/prev" "$state/lib" "$tree" "$gen"
touch "$state/stubbed" "$state/exported" "$state/stublibs" "$state/modules"
touch "$state/cflags"
if [ -f "$edits/cflags" ]; then cp "$edits/cflags" "$state/cflags"; fi
if [ -f "$edits/sites" ]; then touch "$state/sites"; fi
sites_cflags=
if [ -f "$state/sites" ]; then sites_cflags=-fdata-sections; fi
# link_module LIB OBJ: as the compiler links it (keeping relocations when
# the project has sites)
link_module() {
	if [ -f "$state/sites" ]; then
		gcc -shared -Wl,-soname,"$(basename "$1")" -o "$1" "$2" -Wl,-q \
			'-Wl,--unique=.bss.*' '-Wl,--unique=.data.rel.local.*' \
			'-Wl,--unique=.data.[!r]*'
	else
		gcc -shared -Wl,-soname,"$(basename "$1")" -o "$1" "$2"
	fi
}
# the names the host's C library defines: the program cannot export them
if [ ! -f "$state/host" ]; then
	nm -D --defined-only "$(gcc -print-file-name=libc.so.6)" \
		"$(gcc -print-file-name=libm.so.6)" |
		awk 'NF == 3 { sub(/@.*/, "", $3); print $3 }' | sort -u > "$state/host"
fi
rm -rf "$tmp" "$gen/$n"
mkdir -p "$tmp"

# 1. apply the edit; compile the modules whose source changed
cp "$edits"/*.c "$tree"/ 2>/dev/null || true
if [ -f "$edits/delete" ]; then
	for m in $(cat "$edits/delete"); do rm -f "$tree/$m.c"; done
fi
modules=$(cd "$tree" && ls *.c | sed 's/\.c$//')
changed=
for m in $modules; do
	if [ -f "$state/obj/$m.o" ] && cmp -s "$tree/$m.c" "$state/prev/$m.c"; then
		continue
	fi
	changed="$changed $m"
	gcc -c -fPIC -g -O0 -Wall -DHCR=1 $(cat "$state/cflags") $sites_cflags \
		-fpatchable-function-entry=9,7 -falign-functions=16 \
		-I"$inc" -o "$state/obj/$m.o" "$tree/$m.c"
	nm -P --defined-only "$state/obj/$m.o" > "$state/obj/$m.nm"
	# const data with relocations (static const op table[]) is read-only
	# after load, like .rodata: not a static to carry
	objdump -t "$state/obj/$m.o" | awk '$2 == "l" && $4 ~ /^\.data\.rel\.ro/ { print $NF }' \
		> "$state/obj/$m.relro"
done
nmfiles=$(for m in $modules; do echo "$state/obj/$m.nm"; done)

# 2. every global symbol any module defines gets the link name hcr.<name>
awk '$2 ~ /^[A-Z]$/ { print $1, "hcr." $1 }' $nmfiles | sort -u > "$state/map"

# 3. module libraries: changed ones relinked under a new soname
: > "$state/modules.new"
for m in $modules; do
	old=$(awk -v m="$m" '$1 == m { print $2 }' "$state/modules")
	case " $changed " in
	*" $m "*)
		file=lib$m.g$n.so st=new
		[ -z "$old" ] || st=changed
		objcopy --redefine-syms="$state/map" "$state/obj/$m.o" "$state/obj/$m.r.o"
		link_module "$state/lib/$file" "$state/obj/$m.r.o"
		nm -P --defined-only "$state/lib/$file" > "$state/lib/$file.nm" ;;
	*)	file=$old st=kept ;;
	esac
	ln "$state/lib/$file" "$tmp/$file"
	echo "$m $file $st" >> "$state/modules.new"
done

# 4. a stub library for function names never stubbed before and C names
#    never exported before (sections 2 and 3): a new function's C name is a
#    label on its stub, any other an export thunk (an indirect function)
awk '$2 == "T" { print $1 }' $nmfiles | sort -u | comm -23 - "$state/stubbed" > "$state/newstubs"
awk '$2 ~ /^[TDBR]$/ { print $1 }' $nmfiles | sort -u | comm -23 - "$state/exported" |
	comm -23 - "$state/host" > "$state/newexports"
newstub=
if [ -s "$state/newstubs" ] || [ -s "$state/newexports" ]; then
	awk 'FILENAME == ARGV[1] { export[$1] = 1; next }
	{
		f = $1; i = NR
		printf "\t.text\n\t.globl \"hcr.%s\"\n\t.type \"hcr.%s\", @function\n", f, f
		if (f in export) {
			printf "\t.globl \"%s\"\n\t.type \"%s\", @function\n\"%s\":\n", f, f, f
			delete export[f]
		}
		printf "\"hcr.%s\":\n\tjmp *.Ls_%d(%%rip)\n", f, i
		printf "\t.globl \"hcrtrap.%s\"\n\t.type \"hcrtrap.%s\", @function\n", f, f
		printf "\"hcrtrap.%s\":\n\tlea .Ln_%d(%%rip), %%rdi\n\tjmp hcr_trap_removed@PLT\n", f, i
		printf "\t.data\n\t.balign 8\n\t.globl \"hcrslot.%s\"\n\t.type \"hcrslot.%s\", @object\n", f, f
		printf "\t.size \"hcrslot.%s\", 8\n\"hcrslot.%s\":\n.Ls_%d:\n\t.quad \"hcrtrap.%s\"\n", f, f, i, f
		printf "\t.section .rodata\n.Ln_%d:\n\t.asciz \"%s\"\n", i, f
	}
	END {
		for (x in export) {
			printf "\t.text\n\t.globl \"%s\"\n\t.type \"%s\", @gnu_indirect_function\n", x, x
			printf "\"%s\":\n\tlea .Lx_%s(%%rip), %%rdi\n\tjmp hcr_export_global@PLT\n", x, x
			printf "\t.section .rodata\n.Lx_%s:\n\t.asciz \"%s\"\n", x, x
		}
	}' "$state/newexports" "$state/newstubs" > "$state/stubs.$n.s"
	as -o "$state/stubs.$n.o" "$state/stubs.$n.s"
	ld -shared -soname "libhcrstubs.$n.so" -o "$state/lib/libhcrstubs.$n.so" "$state/stubs.$n.o"
	echo "libhcrstubs.$n.so" >> "$state/stublibs"
	newstub=libhcrstubs.$n.so
	sort -u "$state/stubbed" "$state/newstubs" -o "$state/stubbed"
	sort -u "$state/exported" "$state/newexports" -o "$state/exported"
fi
for s in $(cat "$state/stublibs"); do ln "$state/lib/$s" "$tmp/$s"; done

# 5. the group library: stubs oldest first, then every live module (section 4)
group=libhcrgroup.g$n.so
(cd "$tmp" && ld -shared -soname "$group" --no-as-needed -rpath '$ORIGIN' \
	--enable-new-dtags -o "$group" $(cat "$state/stublibs") \
	$(awk '{ print $2 }' "$state/modules.new"))

# 5b. the delta group when generation N-1 exists: the stub library new in N,
#     then the libraries of modules new or changed in N (maybe none)
delta=
if [ -f "$gen/$((n - 1))/manifest" ]; then
	delta=libhcrdelta.g$n.so
	[ -f "$state/empty.o" ] || as -o "$state/empty.o" /dev/null
	(cd "$tmp" && ld -shared -soname "$delta" --no-as-needed -rpath '$ORIGIN' \
		--enable-new-dtags -o "$delta" "$state/empty.o" $newstub \
		$(awk '$3 != "kept" { print $2 }' "$state/modules.new"))
fi

# 6. the manifest (section 6); statics: the object's local data symbols,
#    at their offsets in the module's library (hcr.h's descriptors and
#    state pointers included: the runtime must skip them); uses: the
#    modules defining what a module's object leaves undefined; hooks:
#    hcr.h's local descriptor objects hcr__<kind>__<name> in the library
{
	printf 'hcr-manifest 1\ngeneration %s\narch x86_64\ngroup %s\n' "$n" "$group"
	[ -z "$delta" ] || printf 'delta %s %s\n' "$delta" "$((n - 1))"
	sed 's/^/stubs /' "$state/stublibs"
	sed 's/^/module /' "$state/modules.new"
	awk 'NR == FNR { live[$1] = 1; next } !($1 in live) { print "removed", $1 }' \
		"$state/modules.new" "$state/modules"
	while read -r m file st; do
		awk -v m="$m" -v lib="$state/lib/$file.nm" '
		function hex(s,   i, n) {
			for (i = 1; i <= length(s); i++)
				n = n * 16 + index("0123456789abcdef", substr(tolower(s), i, 1)) - 1
			return n + 0
		}
		FILENAME != ARGV[ARGC - 1] { relro[$1] = 1; next }
		$2 == "T" { print "func", m, $1, "hcr." $1 }
		$2 ~ /^[DBR]$/ { print "global", m, $1, "hcr." $1, hex($4) }
		$2 ~ /^[db]$/ && !($1 in relro) { local[$1] = 1 }
		END {
			while ((getline line < lib) > 0) {
				split(line, f, " ")
				if ((f[2] == "d" || f[2] == "b") && (f[1] in local)) {
					v = f[3]; sub(/^0+/, "", v)
					print "static", m, f[1], "0x" (v == "" ? "0" : v), hex(f[4])
				}
			}
		}' "$state/obj/$m.relro" "$state/obj/$m.nm"
	done < "$state/modules.new" > "$state/records"
	for kind in func global static; do grep "^$kind " "$state/records" || true; done
	# staticref: the relocations ld kept against a static's own output
	# section, in the code and data it loads, at their library addresses;
	# only for statics that have such a section (else their sites are not
	# all known)
	while [ -f "$state/sites" ] && read -r m file st; do
		readelf -SW "$state/lib/$file" |
			sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\).*/section \1/p' |
			cat - "$state/records" > "$state/known"
		readelf -rW "$state/lib/$file" | awk -v m="$m" -v known="$state/known" '
		function own(s) {
			if (s ~ /^\.data\.rel\.ro/) return ""
			if (sub(/^\.bss\./, "", s) || sub(/^\.data\.rel\.local\./, "", s) ||
			    sub(/^\.data\./, "", s))
				return s
			return ""
		}
		BEGIN {
			while ((getline l < known) > 0) {
				split(l, f, " ")
				if (f[1] == "section" && own(f[2]) != "") has[own(f[2])] = 1
				if (f[1] == "static" && f[2] == m) names[f[3]] = 1
			}
		}
		/^Relocation section/ {
			skip = $0 ~ /\.rela\.(debug|eh_frame|dyn|plt)/ || $0 ~ /patchable/
			next
		}
		skip || NF < 5 { next }
		{
			n = own($5)
			if (!(n in names)) next
			v = $1; sub(/^0+/, "", v); v = "0x" (v == "" ? "0" : v)
			if ($3 == "R_X86_64_PC32" || $3 == "R_X86_64_PLT32")
				pc[n] = pc[n] (pc[n] == "" ? "" : ",") v
			else if ($3 == "R_X86_64_64")
				ab[n] = ab[n] (ab[n] == "" ? "" : ",") v
			else
				bad[n] = 1
		}
		END {
			for (n in names)
				if ((n in has) && !(n in bad))
					print "staticref", m, n, (pc[n] == "" ? "-" : pc[n]),
					      (ab[n] == "" ? "-" : ab[n])
		}'
	done < "$state/modules.new"
	while read -r m file st; do
		nm -P --undefined-only "$state/obj/$m.o" | awk '{ print $1 }' | sort -u > "$state/undef"
		used=
		for x in $modules; do
			[ "$x" != "$m" ] || continue
			if awk '$2 ~ /^[A-Z]$/ { print $1 }' "$state/obj/$x.nm" | sort -u |
				comm -12 - "$state/undef" | grep -q .; then
				used="$used $x"
			fi
		done
		[ -z "$used" ] || echo "uses $m$used"
	done < "$state/modules.new"
	while read -r m file st; do
		awk -v m="$m" '
		function hex(s,   i, n) {
			for (i = 1; i <= length(s); i++)
				n = n * 16 + index("0123456789abcdef", substr(tolower(s), i, 1)) - 1
			return n + 0
		}
		$2 ~ /^[a-z]$/ && $1 ~ /^hcr__(init|before|after|state)__./ {
			kind = name = $1
			sub(/^hcr__/, "", kind); sub(/__.*$/, "", kind)
			sub(/^hcr__[a-z]+__/, "", name)
			v = $3; sub(/^0+/, "", v)
			print "hook", m, kind, name, "0x" (v == "" ? "0" : v), hex($4)
		}' "$state/lib/$file.nm"
	done < "$state/modules.new"
	# entries: the functions __patchable_function_entries lists (a pad at
	# .text + X is the function at X + 7), by link name, at their offsets in
	# the library; a name the library holds twice is left out
	while read -r m file st; do
		readelf -rW "$state/obj/$m.o" | awk -v m="$m" -v obj="$state/obj/$m.nm" \
			-v lib="$state/lib/$file.nm" -v map="$state/map" '
		function hex(s,   i, n) {
			for (i = 1; i <= length(s); i++)
				n = n * 16 + index("0123456789abcdef", substr(tolower(s), i, 1)) - 1
			return n + 0
		}
		BEGIN {
			while ((getline l < obj) > 0) {
				split(l, f, " ")
				if (f[2] != "t" && f[2] != "T") continue
				k = sprintf("%d", hex(f[3]))
				twice = k in fn
				fn[k] = twice ? "" : f[1]
			}
			while ((getline l < map) > 0) { split(l, f, " "); link[f[1]] = f[2] }
			while ((getline l < lib) > 0) {
				split(l, f, " ")
				if (f[2] == "t" || f[2] == "T") { n[f[1]]++; at[f[1]] = f[3] }
			}
		}
		/^Relocation section/ { on = index($0, "__patchable_function_entries") > 0; next }
		on && $3 == "R_X86_64_64" && $5 == ".text" {
			name = fn[sprintf("%d", hex($4) + hex($7) + 7)]
			if (name == "") next
			if (name in link) name = link[name]
			if (n[name] != 1) next
			v = at[name]; sub(/^0+/, "", v)
			print "entry", m, name, "0x" (v == "" ? "0" : v)
		}'
	done < "$state/modules.new"
} > "$tmp/manifest"

# 7. publish: gen/N complete first, then gen/current
mv "$tmp" "$gen/$n"
mv "$state/modules.new" "$state/modules"
rm -rf "$state/prev" && cp -r "$tree" "$state/prev"
if [ -f "$edits/postgen.sh" ]; then sh "$edits/postgen.sh" "$gen/$n"; fi
echo "$n" > "$gen/.current.tmp" && mv "$gen/.current.tmp" "$gen/current"
