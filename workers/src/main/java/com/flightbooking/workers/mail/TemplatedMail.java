package com.flightbooking.workers.mail;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;

/**
 * An email whose body is a Qute template with a {@code .txt} and an {@code .html} variant: sent as
 * multipart/alternative, so a mail client shows the HTML and falls back to the text. The HTML variant escapes every
 * value (names and reasons come from customers and partners); the text variant prints them as they are.
 */
public final class TemplatedMail {

    private static final Variant TEXT = Variant.forContentType(Variant.TEXT_PLAIN);
    private static final Variant HTML = Variant.forContentType(Variant.TEXT_HTML);

    private TemplatedMail() {
    }

    public static Mail of(String to, String subject, TemplateInstance body) {
        String text = body.setAttribute(TemplateInstance.SELECTED_VARIANT, TEXT).render();
        String html = body.setAttribute(TemplateInstance.SELECTED_VARIANT, HTML).render();
        return Mail.withText(to, subject, text).setHtml(html);
    }
}
