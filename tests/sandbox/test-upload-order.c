/* test-upload-order.c — an upload's own events come before what its answer changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The event recorder turns the answer to the POST into requirement events and writes
 * them first; the uploader writes document-uploaded and document-accepted/-rejected
 * after it made the thumbnail. Against the embedded sandbox everything happens within
 * one second: sorted as every listing sorts them (time, then row id), the document is
 * uploaded, then accepted (or rejected), then the requirement is satisfied.
 */
#include "config.h"

#include "dossier-event-recorder.h"
#include "uploader-test-fixture.h"

typedef struct
{
  Fixture               base;
  DossierEventRecorder *recorder;
} OrderFixture;

static void
wait_recorder (OrderFixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dossier_event_recorder_wait_async (f->recorder, NULL, api_test_catch, &result);
  g_assert_true (dossier_event_recorder_wait_finish (f->recorder, api_test_wait (&result, 30), &error));
  g_assert_no_error (error);
  flush (&f->base);
}

static void
order_setup (OrderFixture *f, gconstpointer data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  setup (&f->base, data);
  f->recorder = dossier_event_recorder_new (f->base.api, f->base.journal);

  /* The recorder knows the request as it is before the upload. */
  dossier_api_list_products_async (f->base.api, f->base.client_id, DOSSIER_API_PRIORITY_USER, NULL,
                                   api_test_catch, &result);
  requests = dossier_api_list_products_finish (f->base.api, api_test_wait (&result, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (requests->len, ==, 1);
  wait_recorder (f);
}

static void
order_teardown (OrderFixture *f, gconstpointer data)
{
  wait_recorder (f);
  g_assert_finalize_object (f->recorder);
  teardown (&f->base, data);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const DossierJournalEvent *x = *(DossierJournalEvent **) a;
  const DossierJournalEvent *y = *(DossierJournalEvent **) b;

  if (x->occurred_at != y->occurred_at)
    return x->occurred_at < y->occurred_at ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* The position of the first event of kind (about group_id when given), or -1. */
static int
position (GPtrArray  *events,
          const char *kind,
          const char *group_id)
{
  for (guint i = 0; i < events->len; i++)
    {
      DossierJournalEvent *event = g_ptr_array_index (events, i);
      JsonObject *details = event->details != NULL && JSON_NODE_HOLDS_OBJECT (event->details)
                            ? json_node_get_object (event->details) : NULL;

      if (g_strcmp0 (event->kind, kind) != 0)
        continue;
      if (group_id != NULL &&
          (details == NULL ||
           g_strcmp0 (json_object_get_string_member_with_default (details, "group_id", NULL),
                      group_id) != 0))
        continue;
      return (int) i;
    }
  return -1;
}

static GPtrArray *
sorted_events (OrderFixture *f)
{
  GPtrArray *events = journal_events (&f->base);

  g_ptr_array_sort (events, compare_events);
  for (guint i = 0; i < events->len; i++)
    {
      DossierJournalEvent *event = g_ptr_array_index (events, i);

      g_test_message ("%u: %s at %" G_GINT64_FORMAT " (id %" G_GINT64_FORMAT ")", i, event->kind,
                      event->occurred_at, event->id);
    }
  return events;
}

static void
test_accepted_order (OrderFixture *f, gconstpointer data)
{
  g_autoptr(GBytes) front = ut_image_bytes (600, 800, 21);
  g_autoptr(DossierUploadInfo) info = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = g_get_real_time ();
  gint64 id;
  int uploaded, accepted, satisfied;
  DossierJournalEvent *event;

  id = enqueue (&f->base, "passport", front, "AB1234567", &error);
  g_assert_no_error (error);
  info = wait_settled (&f->base, id);
  g_assert_cmpint (info->status, ==, DOSSIER_UPLOAD_STATUS_ACCEPTED);
  wait_recorder (f);

  events = sorted_events (f);
  uploaded = position (events, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED, NULL);
  accepted = position (events, DOSSIER_JOURNAL_EVENT_DOCUMENT_ACCEPTED, NULL);
  satisfied = position (events, DOSSIER_JOURNAL_EVENT_REQUIREMENT_SATISFIED, "identity_document");
  g_assert_cmpint (uploaded, >=, 0);
  g_assert_cmpint (accepted, >, uploaded);
  g_assert_cmpint (satisfied, >, accepted);

  /* The upload's time is when it was sent: during the test, not made up. */
  event = g_ptr_array_index (events, uploaded);
  g_assert_cmpint (event->occurred_at, >=, before - G_USEC_PER_SEC);
  g_assert_cmpint (event->occurred_at, <=, g_get_real_time ());
  /* The acceptance keeps the server's time as evidence. */
  event = g_ptr_array_index (events, accepted);
  g_assert_nonnull (json_object_get_string_member_with_default (json_node_get_object (event->details),
                                                                "server_time", NULL));
}

static void
test_rejected_order (OrderFixture *f, gconstpointer data)
{
  g_autoptr(GBytes) small = ut_image_bytes (400, 500, 22);
  g_autoptr(DossierUploadInfo) info = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int uploaded, rejected;

  id = enqueue (&f->base, "passport", small, "AB1234567", &error);
  g_assert_no_error (error);
  info = wait_settled (&f->base, id);
  g_assert_cmpint (info->status, ==, DOSSIER_UPLOAD_STATUS_REJECTED);
  wait_recorder (f);

  events = sorted_events (f);
  uploaded = position (events, DOSSIER_JOURNAL_EVENT_DOCUMENT_UPLOADED, NULL);
  rejected = position (events, DOSSIER_JOURNAL_EVENT_DOCUMENT_REJECTED, NULL);
  g_assert_cmpint (uploaded, >=, 0);
  g_assert_cmpint (rejected, >, uploaded);
  /* Nothing was satisfied by a rejected document. */
  g_assert_cmpint (position (events, DOSSIER_JOURNAL_EVENT_REQUIREMENT_SATISFIED, "identity_document"),
                   ==, -1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/dossier/core/uploader/order/accepted", OrderFixture, NULL,
              order_setup, test_accepted_order, order_teardown);
  g_test_add ("/dossier/core/uploader/order/rejected", OrderFixture, NULL,
              order_setup, test_rejected_order, order_teardown);

  return g_test_run ();
}
