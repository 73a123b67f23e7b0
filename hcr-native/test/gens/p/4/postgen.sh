# break generation 4: the manifest names a library that is not there
rm "$1/liba.g4.so"
