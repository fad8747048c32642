package org.sealbox.officer;

import org.sealbox.web.FormData;

/**
 * The "I understand that this cannot be undone" box of the forms for permanent actions
 * (deactivating an officer, excluding one from a case). The box carries the {@code required}
 * attribute, and the server checks it as well, because a browser may skip the check.
 */
final class Confirmation {

    /** Name of the checkbox field. */
    static final String FIELD = "confirm";
    /** Value that the ticked box sends. */
    static final String VALUE = "yes";

    private Confirmation() {
    }

    /** Returns whether the form was sent with the box ticked. */
    static boolean given(FormData form) {
        return VALUE.equals(form.first(FIELD));
    }
}
