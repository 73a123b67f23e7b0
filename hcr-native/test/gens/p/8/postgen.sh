# break generation 8: the manifest names a function liba.g8.so does not define
sed -i 's/^func a version hcr.version$/&\nfunc a ghost hcr.ghost/' "$1/manifest"
