package com.flightbooking.localinfra;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

/** Reads what the local mail server (GreenMail) received for an address, over POP3 as a mail client would. */
public final class Mailbox {

    /** One received email, reduced to what tests look at. */
    public record Email(String subject, String body, String messageId) {
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
                        emails.add(new Email(message.getSubject(), message.getContent().toString(),
                                ids == null ? null : ids[0]));
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
}
