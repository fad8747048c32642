package org.sealbox.postbox;

/** Who wrote a message of a conversation. */
public enum Author {
    REPORTER("reporter"),
    OFFICER("officer");

    private final String id;

    Author(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Author fromId(String id) {
        for (Author author : values()) {
            if (author.id.equals(id)) {
                return author;
            }
        }
        throw new IllegalArgumentException("unknown message author: " + id);
    }
}
