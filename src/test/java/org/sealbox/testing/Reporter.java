package org.sealbox.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlFileInput;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;

/** The reporter's steps through the public pages, as a person with JavaScript off takes them. */
public final class Reporter {

    private static final List<String> DIGIT_WORDS =
            List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

    private final WebClient browser;
    private final TestServer server;

    public Reporter(WebClient browser, TestServer server) {
        this.browser = browser;
        this.server = server;
    }

    /** Landing page, "submit", security question answered from its text alternative: the kind page. */
    public HtmlPage startReport() throws IOException {
        HtmlPage landing = browser.getPage(server.publicUrl("/"));
        HtmlPage start = landing.getAnchorByHref("/report").click();
        if (start.getUrl().getPath().equals("/report/kind")) {
            return start;
        }
        return answerChallenge(start);
    }

    /** Answers the security question on {@code page} by reading the digits spelled out in words. */
    public static HtmlPage answerChallenge(HtmlPage page) throws IOException {
        HtmlForm form = formWith(page, "challenge");
        form.getInputByName("challenge").setValue(digitsFromWords(page));
        return submit(form, null);
    }

    /** Reads the challenge's text alternative ("The digits are: four, eight, ...") as digits. */
    public static String digitsFromWords(HtmlPage page) {
        DomElement details = page.querySelector(".challenge details p");
        String text = details.getTextContent();
        String list = text.substring(text.indexOf(':') + 1).replace(".", "");
        StringBuilder digits = new StringBuilder();
        for (String word : list.split(",")) {
            digits.append(DIGIT_WORDS.indexOf(word.strip()));
        }
        return digits.toString();
    }

    /** Picks the kind on the choice page and returns the empty form. */
    public static HtmlPage chooseKind(HtmlPage kindPage, String kind) throws IOException {
        HtmlAnchor link = kindPage.getAnchorByHref("/report/form/" + kind);
        return link.click();
    }

    /**
     * Fills the form: {@code answers} maps question id to option ids (choices) or one text;
     * {@code attachment} may be null.
     */
    public static void fill(HtmlPage form, Map<String, List<String>> answers, String details, Path attachment) {
        answers.forEach((question, values) -> {
            for (String value : values) {
                DomElement option = form.getElementById("q-" + question + "-" + value);
                if (option != null) {
                    ((HtmlInput) option).setChecked(true);
                } else {
                    DomElement field = form.getElementById("q-" + question);
                    if (field instanceof HtmlTextArea area) {
                        area.setText(value);
                    } else {
                        ((HtmlInput) field).setValue(value);
                    }
                }
            }
        });
        ((HtmlTextArea) form.getElementById("details-input")).setText(details);
        if (attachment != null) {
            ((HtmlFileInput) form.getElementById("attachment-input")).setFiles(attachment.toFile());
        }
    }

    /** Sends the form page and returns the page that comes back (review, or the form with errors). */
    public static HtmlPage review(HtmlPage form) throws IOException {
        return submit(formWith(form, "details"), null);
    }

    /** Presses "Send now" on the review page and returns the receipt page. */
    public static HtmlPage send(HtmlPage review) throws IOException {
        return submit(formWith(review, "submission"), "send");
    }

    /** The reference number on the receipt page. */
    public static String reference(HtmlPage receipt) {
        return receipt.querySelector(".reference").getTextContent().strip();
    }

    /** The form of {@code page} that has a field named {@code field}. */
    public static HtmlForm formWith(HtmlPage page, String field) {
        for (HtmlForm form : page.getForms()) {
            if (!form.getInputsByName(field).isEmpty() || !form.getTextAreasByName(field).isEmpty()) {
                return form;
            }
        }
        throw new AssertionError("no form with field '" + field + "' on " + page.getUrl() + ":\n" + page.asXml());
    }

    /** Presses the submit button with {@code value}, or the first submit button when null. */
    public static HtmlPage submit(HtmlForm form, String value) throws IOException {
        for (HtmlElement element : form.getHtmlElementDescendants()) {
            if (element instanceof HtmlButton button && "submit".equals(button.getTypeAttribute())
                    && (value == null || value.equals(button.getValueAttribute()))) {
                return button.click();
            }
        }
        throw new AssertionError("no submit button " + value);
    }
}
