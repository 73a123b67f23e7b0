# break generation 9: a static's offset lies outside liba.g9.so
sed -i 's/^static a file_count 0x[0-9a-f]* 4$/static a file_count 0x7ffff000 4/' "$1/manifest"
