# break generation 6: count's staticref twice
ref=$(grep '^staticref a count ' "$1/manifest")
echo "$ref" >> "$1/manifest"
