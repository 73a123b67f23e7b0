# break generation 8: a module uses a module that does not exist
sed -i 's/^uses b c$/uses b c nosuch/' "$1/manifest"
