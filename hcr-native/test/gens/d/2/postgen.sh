# generation 2 loads only through its delta group: the full group is gone
rm "$1/libhcrgroup.g2.so"
