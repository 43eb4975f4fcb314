package com.flightbooking.workers.reminders;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.flightbooking.events.BookingStatusChanged;
import com.flightbooking.events.EventCodec;
import com.flightbooking.kit.security.Roles;

import io.smallrye.mutiny.Uni;

/**
 * Ops endpoints for departure reminders: look at a booking's timer, or fire it now (through the pollers' own claim
 * and outbox path, so it still fires at most once). Served on the workers' internal port.
 */
@Path("/admin/reminders/{bookingId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class ReminderResource {

    private final DepartureReminderRepository reminders;
    private final ReminderService service;
    private final EventCodec codec;

    ReminderResource(DepartureReminderRepository reminders, ReminderService service, EventCodec codec) {
        this.reminders = reminders;
        this.service = service;
        this.codec = codec;
    }

    public record ReminderView(UUID bookingId, DepartureReminder.Status status, Instant dueAt, Instant departureAt,
            String flightNumber, String recordLocator, Instant createdAt, Instant updatedAt, Instant firedAt) {
    }

    @GET
    public Uni<ReminderView> get(@PathParam("bookingId") UUID bookingId) {
        return reminders.find(bookingId).map(reminder -> view(known(reminder, bookingId)));
    }

    /** 200 with the reminder when this call fired it; 409 when it is not SCHEDULED (any more); 404 when none. */
    @POST
    @Path("/fire")
    public Uni<ReminderView> fire(@PathParam("bookingId") UUID bookingId) {
        return service.fire(bookingId).chain(batch -> reminders.find(bookingId).map(found -> {
            DepartureReminder reminder = known(found, bookingId);
            if (batch.claimed() == 0) {
                throw new ClientErrorException("Reminder of booking " + bookingId + " is " + reminder.status
                        + ", not SCHEDULED: nothing fired", Response.Status.CONFLICT);
            }
            return view(reminder);
        }));
    }

    private ReminderView view(DepartureReminder reminder) {
        BookingStatusChanged changed = codec.decode(reminder.bookingEvent).dataAs(BookingStatusChanged.class);
        return new ReminderView(reminder.bookingId, reminder.status, reminder.dueAt, reminder.departureAt,
                changed.booking().flight().number(), changed.recordLocator(), reminder.createdAt,
                reminder.updatedAt, reminder.firedAt);
    }

    private static DepartureReminder known(DepartureReminder reminder, UUID bookingId) {
        if (reminder == null) {
            throw new NotFoundException("No departure reminder for booking " + bookingId);
        }
        return reminder;
    }
}
