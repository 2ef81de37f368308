package dev.portajava.tree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inodes of a plan that have more than one name: for each, the entry that holds it (the first name) and its
 * other names, in the order they were linked.
 */
final class LinkGroups {

    private final Map<ImagePath, List<ImagePath>> byLeader = new HashMap<>();

    /** The other names of the inode {@code leader} holds; empty when it has none. */
    List<ImagePath> members(ImagePath leader) {
        return byLeader.getOrDefault(leader, List.of());
    }

    void add(ImagePath leader, ImagePath member) {
        byLeader.computeIfAbsent(leader, k -> new ArrayList<>()).add(member);
    }

    void remove(ImagePath leader, ImagePath member) {
        List<ImagePath> members = byLeader.get(leader);
        if (members != null) {
            members.remove(member);
            if (members.isEmpty()) {
                byLeader.remove(leader);
            }
        }
    }

    /** The leader is gone: {@code heir}, its first other name, holds the inode now. */
    void promote(ImagePath leader, ImagePath heir) {
        List<ImagePath> members = byLeader.remove(leader);
        members.remove(heir);
        if (!members.isEmpty()) {
            byLeader.put(heir, members);
        }
    }
}
