package org.sealbox.officer;

/** What an officer account may do. */
public enum Role {
    /** Manages officers and settings, and handles cases. */
    ADMINISTRATOR("administrator"),
    /** Handles cases. */
    OFFICER("officer");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Role fromId(String id) {
        for (Role role : values()) {
            if (role.id.equals(id)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role: " + id);
    }
}
