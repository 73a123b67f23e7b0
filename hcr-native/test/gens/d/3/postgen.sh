# generation 3 loads only through its full group: the delta group is gone
rm "$1/libhcrdelta.g3.so"
