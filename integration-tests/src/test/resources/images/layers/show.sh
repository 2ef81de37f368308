cd /data
find . | sort
for f in $(find . -type f | sort); do echo "$f: $(cat "$f") $(stat -c '%a %u:%g' "$f")"; done
echo "a-symlink -> $(readlink a-symlink)"
echo "hard links: $(stat -c %i keep/a keep/a-link | uniq | wc -l) inode(s), $(stat -c %h keep/a) links"
echo "ready"
exec sleep 100000
