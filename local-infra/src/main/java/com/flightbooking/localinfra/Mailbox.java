package com.flightbooking.localinfra;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;

/** Reads what the local mail server (GreenMail) received for an address, over POP3 as a mail client would. */
public final class Mailbox {

    /**
     * One received email, reduced to what tests look at.
     *
     * @param body the plain text (of a multipart email: its text/plain part)
     * @param html the text/html part, or null when the email has none
     */
    public record Email(String subject, String body, String messageId, String html) {
    }

    private final int pop3Port;

    public Mailbox(int pop3Port) {
        this.pop3Port = pop3Port;
    }

    public List<Email> of(String address) {
        Properties properties = new Properties();
        properties.put("mail.pop3.host", "127.0.0.1");
        properties.put("mail.pop3.port", Integer.toString(pop3Port));
        try {
            Store store = Session.getInstance(properties).getStore("pop3");
            store.connect(address, "any");
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                try {
                    List<Email> emails = new ArrayList<>();
                    for (Message message : inbox.getMessages()) {
                        String[] ids = message.getHeader("Message-ID");
                        emails.add(new Email(message.getSubject(), part(message, "text/plain"),
                                ids == null ? null : ids[0], part(message, "text/html")));
                    }
                    return emails;
                } finally {
                    inbox.close(false);
                }
            } finally {
                store.close();
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Cannot read the mailbox of " + address, e);
        }
    }

    /** The first part of that type, however deep in the email's multiparts. */
    private static String part(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType)) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
