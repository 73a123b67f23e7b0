# break generation 7: c's state hook points at no descriptor (offset 0)
sed -i 's/^hook c state count 0x[0-9a-f]* /hook c state count 0x0 /' "$1/manifest"
