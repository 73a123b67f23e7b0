# break generation 7: a staticref offset that is not hex
sed -i 's/^staticref a count [^ ]*/staticref a count 0xzz/' "$1/manifest"
