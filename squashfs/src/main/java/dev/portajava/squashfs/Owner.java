package dev.portajava.squashfs;

/** The uid and gid of an entry. */
public record Owner(int uid, int gid) {

    public static final Owner ROOT = new Owner(0, 0);

    public Owner {
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("uid and gid must be 0 or more: " + uid + ":" + gid);
        }
    }
}
