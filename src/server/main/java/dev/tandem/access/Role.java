package dev.tandem.access;

import java.util.Locale;

/**
 * What a person may do with a document, after Google Docs' sharing roles. Ordered: each role can
 * do everything the ones before it can.
 */
public enum Role {
    /** Reads the document and sees who is there (operations and presence), shows a caret; never edits. */
    VIEWER,
    /** A viewer who may comment. Tandem has no comments yet, so for now exactly a viewer. */
    COMMENTER,
    /** Edits the document, and creates documents where the grant covers their id. */
    EDITOR,
    /** An editor who owns the document: the role sharing and deletion will need; for now an editor. */
    OWNER;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** Whether this role may submit operations and create documents. */
    public boolean canEdit() {
        return compareTo(EDITOR) >= 0;
    }

    /** The role's name in tokens and answers: {@code viewer}, {@code commenter}, {@code editor}, {@code owner}. */
    public String wireName() {
        return wireName;
    }

    /** The role called {@code name} in a token, or null if there is none. */
    public static Role named(String name) {
        for (Role r : values()) {
            if (r.wireName.equals(name)) {
                return r;
            }
        }
        return null;
    }
}
