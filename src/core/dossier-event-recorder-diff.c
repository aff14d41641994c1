/* dossier-event-recorder-diff.c — what changed between two states, as journal events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times: a change is placed at the server's own time when the server moved it
 * (created_at for a new request, updated_at when it changed with the change), else at
 * the moment it was seen, with `observed` set and no `server_time`.
 */
#include "config.h"

#include "dossier-event-recorder-private.h"

typedef struct {
  gint64      time;
  const char *server_time;   /* nullable */
  gboolean    observed;
} When;

static gint64
date_time_usec (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

/* Where in time a server time truncated to the second (CONTRACT.md §3) goes, seen at
 * now: the change happened somewhere in [second, second + 1 s). When now falls in that
 * second, now is the closer reading; when the answer came after the second had ended,
 * its last microsecond: never before what this app recorded on its own clock during
 * that second (which would put the answer before the steps that led to it). */
gint64
dossier_recorder_place_server_time (gint64 second_usec,
                                    gint64 now)
{
  if (now < second_usec)
    return second_usec;
  if (now < second_usec + G_USEC_PER_SEC)
    return now;
  return second_usec + G_USEC_PER_SEC - 1;
}

/* The server's time when it gives one, else now and observed. */
static When
when_server (GDateTime  *dt,
             const char *raw,
             gint64      now)
{
  When when = { now, NULL, TRUE };

  if (dt != NULL && raw != NULL)
    {
      when.time = dossier_recorder_place_server_time (date_time_usec (dt), now);
      when.server_time = raw;
      when.observed = FALSE;
    }
  return when;
}

/* Seen in the answer of this app's own call, with no server time: now, not observed. */
static When
when_own (gint64 now)
{
  When when = { now, NULL, FALSE };

  return when;
}

static DossierJournalEvent *
new_event (const char *client_id,
           const char *request_id,
           const char *kind,
           When        when,
           const char *action,
           const char *trace_id,
           JsonObject *details)
{
  DossierJournalEvent *event = dossier_journal_event_new (client_id, request_id, kind, when.time);

  event->observed = when.observed;
  event->action = g_strdup (action);
  event->trace_id = g_strdup (trace_id);
  if (when.server_time != NULL)
    json_object_set_string_member (details, "server_time", when.server_time);
  event->details = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (event->details, details);
  return event;
}

/* Adds event unless its once-only key is already there; takes event. */
static void
add_event (DossierRecorderState *state,
           GPtrArray            *events,
           DossierJournalEvent  *event)
{
  g_autofree char *key = dossier_recorder_event_key (event);

  if (key != NULL && g_hash_table_contains (state->keys, key))
    {
      dossier_journal_event_free (event);
      return;
    }
  if (key != NULL)
    g_hash_table_add (state->keys, g_steal_pointer (&key));
  g_ptr_array_add (events, event);
}

static const char *
status_kind (DossierRequestStatus status)
{
  switch (status)
    {
    case DOSSIER_REQUEST_STATUS_IN_KYC:
      return DOSSIER_JOURNAL_EVENT_UNDER_REVIEW;
    case DOSSIER_REQUEST_STATUS_ENABLED:
      return DOSSIER_JOURNAL_EVENT_ENABLED;
    case DOSSIER_REQUEST_STATUS_REJECTED:
      return DOSSIER_JOURNAL_EVENT_REJECTED;
    case DOSSIER_REQUEST_STATUS_REQUESTED:
    case DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION:
    case DOSSIER_REQUEST_STATUS_UNKNOWN:
    default:
      return NULL;
    }
}

static JsonObject *
status_details (DossierProductRequest *request)
{
  JsonObject *details = json_object_new ();
  const char *description = dossier_product_request_get_rejection_description (request);

  json_object_set_string_member (details, "status", dossier_product_request_get_status_raw (request));
  json_object_set_string_member (details, "product", dossier_product_request_get_product (request));
  if (dossier_product_request_get_status (request) == DOSSIER_REQUEST_STATUS_REJECTED)
    json_object_set_string_member (details, "rejection_description",
                                   description != NULL ? description : "");
  return details;
}

/* Each requirement group as "data:<id>" / "document:<id>" → its JsonObject details. */
static GHashTable *
requirement_groups (DossierProductRequest *request)
{
  GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) json_object_unref);
  DossierRequirements *requirements;

  if (request == NULL || !dossier_product_request_is_open (request) ||
      (requirements = dossier_product_request_get_requirements (request)) == NULL)
    return groups;

  for (guint i = 0; i < dossier_requirements_get_n_data_groups (requirements); i++)
    {
      const DossierDataGroup *group = dossier_requirements_get_data_group (requirements, i);
      JsonObject *details = json_object_new ();
      JsonArray *fields = json_array_new ();
      JsonArray *optional = json_array_new ();

      json_object_set_string_member (details, "group_id", group->id);
      json_object_set_string_member (details, "kind", "data");
      json_object_set_string_member (details, "name", group->name);
      json_object_set_boolean_member (details, "required", group->required);
      for (guint j = 0; j < group->fields->len; j++)
        {
          const DossierDataField *field = g_ptr_array_index (group->fields, j);

          json_array_add_string_element (fields, field->key);
          if (!field->required)
            json_array_add_string_element (optional, field->key);
        }
      json_object_set_array_member (details, "fields", fields);
      /* What was sent reads which fields could stay empty. */
      json_object_set_array_member (details, "optional_fields", optional);
      g_hash_table_insert (groups, g_strconcat ("data:", group->id, NULL), details);
    }

  for (guint i = 0; i < dossier_requirements_get_n_document_groups (requirements); i++)
    {
      const DossierDocumentGroup *group = dossier_requirements_get_document_group (requirements, i);
      JsonObject *details = json_object_new ();

      json_object_set_string_member (details, "group_id", group->id);
      json_object_set_string_member (details, "kind", "document");
      json_object_set_string_member (details, "name", group->name);
      json_object_set_boolean_member (details, "required", group->required);
      g_hash_table_insert (groups, g_strconcat ("document:", group->id, NULL), details);
    }

  return groups;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* Appeared (in newer only) or satisfied (in older only), in a stable order. */
static void
diff_requirements (DossierRecorderState  *state,
                   DossierProductRequest *older,
                   DossierProductRequest *newer,
                   When                   when,
                   const char            *action,
                   const char            *trace_id,
                   GPtrArray             *events)
{
  g_autoptr(GHashTable) before = requirement_groups (older);
  g_autoptr(GHashTable) after = requirement_groups (newer);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  const char *client_id = dossier_product_request_get_client_id (newer);
  const char *request_id = dossier_product_request_get_id (newer);
  GHashTableIter iter;
  gpointer key;

  /* Requests under review or decided list nothing: their requirements did not go away. */
  if (!dossier_product_request_is_open (newer))
    return;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (before, key))
      g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_keys);
  for (guint i = 0; i < keys->len; i++)
    {
      JsonObject *details = json_object_ref (g_hash_table_lookup (after, keys->pdata[i]));

      add_event (state, events, new_event (client_id, request_id,
                                           DOSSIER_JOURNAL_EVENT_REQUIREMENT_APPEARED, when,
                                           action, trace_id, details));
    }

  g_ptr_array_set_size (keys, 0);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (after, key))
      g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_keys);
  for (guint i = 0; i < keys->len; i++)
    {
      JsonObject *old = g_hash_table_lookup (before, keys->pdata[i]);
      JsonObject *details = json_object_new ();

      json_object_set_string_member (details, "group_id", json_object_get_string_member (old, "group_id"));
      json_object_set_string_member (details, "kind", json_object_get_string_member (old, "kind"));
      json_object_set_string_member (details, "name", json_object_get_string_member (old, "name"));
      add_event (state, events, new_event (client_id, request_id,
                                           DOSSIER_JOURNAL_EVENT_REQUIREMENT_SATISFIED, when,
                                           action, trace_id, details));
    }
}

gboolean
dossier_recorder_diff_request (DossierRecorderState  *state,
                               DossierProductRequest *request,
                               const char            *action,
                               const char            *trace_id,
                               gboolean               from_submit,
                               gint64                 now,
                               GPtrArray             *events)
{
  const char *id = dossier_product_request_get_id (request);
  const char *client_id = dossier_product_request_get_client_id (request);
  DossierProductRequest *older;
  DossierRequestStatus status = dossier_product_request_get_status (request);
  const char *kind = status_kind (status);
  gboolean polled = g_strcmp0 (action, "list-products") == 0 || action == NULL;
  gboolean status_changed;
  When updated;

  if (id == NULL || client_id == NULL)
    return FALSE;

  older = g_hash_table_lookup (state->requests, id);
  updated = when_server (dossier_product_request_get_updated_at (request),
                         dossier_product_request_get_updated_at_raw (request), now);

  if (older == NULL)
    {
      g_autofree char *key = g_strconcat (DOSSIER_JOURNAL_EVENT_PRODUCT_REQUESTED, "|", id, NULL);
      gboolean known = g_hash_table_contains (state->keys, key);
      When created = when_server (dossier_product_request_get_created_at (request),
                                  dossier_product_request_get_created_at_raw (request), now);
      JsonObject *details = json_object_new ();

      json_object_set_string_member (details, "product", dossier_product_request_get_product (request));
      json_object_set_string_member (details, "status", dossier_product_request_get_status_raw (request));
      add_event (state, events, new_event (client_id, id, DOSSIER_JOURNAL_EVENT_PRODUCT_REQUESTED,
                                           created, action, trace_id, details));

      /* What it asks for now was asked at creation only if nothing moved since. */
      if (!known)
        diff_requirements (state, NULL, request,
                           g_strcmp0 (created.server_time, updated.server_time) == 0 ? created
                           : polled ? when_server (NULL, NULL, now) : when_own (now),
                           action, trace_id, events);
      status_changed = TRUE;
    }
  else
    {
      gboolean moved = g_strcmp0 (dossier_product_request_get_updated_at_raw (older),
                                  updated.server_time) != 0;

      diff_requirements (state, older, request,
                         moved ? updated : polled ? when_server (NULL, NULL, now) : when_own (now),
                         action, trace_id, events);
      status_changed = dossier_product_request_get_status (older) != status;
    }

  if (from_submit)
    {
      JsonObject *details = json_object_new ();
      /* The status moving is a change even within the second updated_at already had. */
      gboolean moved = older == NULL ||
                       dossier_product_request_get_status (older) != status ||
                       g_strcmp0 (dossier_product_request_get_updated_at_raw (older),
                                  updated.server_time) != 0;
      DossierJournalEvent *event;

      json_object_set_string_member (details, "status", dossier_product_request_get_status_raw (request));
      json_object_set_string_member (details, "product", dossier_product_request_get_product (request));
      /* Done by this app: at the server's time when it moved, else now (not observed). */
      event = new_event (client_id, id, DOSSIER_JOURNAL_EVENT_SUBMITTED,
                         moved ? updated : when_own (now), action, trace_id, details);
      add_event (state, events, event);
    }

  if (status_changed && kind != NULL)
    add_event (state, events, new_event (client_id, id, kind, updated, action, trace_id,
                                         status_details (request)));

  if (older != NULL &&
      !status_changed &&
      g_strcmp0 (dossier_product_request_get_updated_at_raw (older), updated.server_time) == 0 &&
      dossier_requirements_equal (dossier_product_request_get_requirements (older),
                                  dossier_product_request_get_requirements (request)))
    return FALSE;

  if (older == NULL)
    g_ptr_array_add (state->order, g_strdup (id));
  g_hash_table_replace (state->requests, g_strdup (id), g_object_ref (request));
  return TRUE;
}

void
dossier_recorder_diff_created (DossierRecorderState *state,
                               DossierClient        *client,
                               const char           *action,
                               const char           *trace_id,
                               gint64                now,
                               GPtrArray            *events)
{
  JsonObject *details = json_object_new ();
  /* now: when the answer came, not when this work is done (it may wait behind others). */
  When when = when_server (dossier_client_get_created_at (client),
                           dossier_client_get_created_at_raw (client), now);

  add_event (state, events, new_event (dossier_client_get_id (client), NULL,
                                       DOSSIER_JOURNAL_EVENT_CLIENT_CREATED, when, action,
                                       trace_id, details));
}

/* The client's members as one flat object: "address.city", phone as one "phone". */
static JsonObject *
flatten_client (DossierClient *client)
{
  g_autoptr(JsonNode) node = dossier_client_to_json (client);
  JsonObject *object = json_node_get_object (node);
  JsonObject *flat = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (g_str_equal (name, "address") && JSON_NODE_HOLDS_OBJECT (member))
        {
          JsonObjectIter inner;
          const char *sub;
          JsonNode *value;

          json_object_iter_init_ordered (&inner, json_node_get_object (member));
          while (json_object_iter_next_ordered (&inner, &sub, &value))
            {
              g_autofree char *flat_name = g_strconcat ("address.", sub, NULL);

              json_object_set_member (flat, flat_name, json_node_copy (value));
            }
        }
      else if (g_str_equal (name, "phone_country_code") || g_str_equal (name, "phone_number"))
        continue;
      else
        json_object_set_member (flat, name, json_node_copy (member));
    }

  if (*dossier_client_get_phone_number (client) != '\0')
    {
      g_autofree char *phone = g_strdup_printf ("+%s %s", dossier_client_get_phone_country_code (client),
                                                dossier_client_get_phone_number (client));
      json_object_set_string_member (flat, "phone", phone);
    }

  return flat;
}

static void
note_change (JsonArray  *fields,
             JsonObject *old_values,
             JsonObject *new_values,
             const char *name,
             JsonNode   *old_value,
             JsonNode   *new_value)
{
  if (old_value != NULL && new_value != NULL && json_node_equal (old_value, new_value))
    return;

  json_array_add_string_element (fields, name);
  if (old_value != NULL)
    json_object_set_member (old_values, name, json_node_copy (old_value));
  if (new_value != NULL)
    json_object_set_member (new_values, name, json_node_copy (new_value));
}

void
dossier_recorder_diff_updated (DossierClient *client,
                               DossierClient *before,
                               const char    *trace_id,
                               gint64         now,
                               GPtrArray     *events)
{
  g_autoptr(JsonObject) after_flat = flatten_client (client);
  JsonObject *details = json_object_new ();
  gboolean moved = TRUE;
  When when;

  if (before != NULL)
    {
      g_autoptr(JsonObject) before_flat = flatten_client (before);
      JsonArray *fields = json_array_new ();
      JsonObject *old_values = json_object_new ();
      JsonObject *new_values = json_object_new ();
      JsonObject *personal = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, after_flat);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        note_change (fields, old_values, new_values, name,
                     json_object_get_member (before_flat, name), member);
      json_object_iter_init_ordered (&iter, before_flat);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        if (!json_object_has_member (after_flat, name))
          note_change (fields, old_values, new_values, name, member, NULL);

      json_object_set_object_member (personal, "before", old_values);
      json_object_set_object_member (personal, "after", new_values);
      json_object_set_array_member (details, "fields", fields);
      json_object_set_object_member (details, "personal", personal);

      if (json_array_get_length (fields) == 0)
        {
          json_object_unref (details);
          return;
        }
      moved = g_strcmp0 (dossier_client_get_updated_at_raw (before),
                         dossier_client_get_updated_at_raw (client)) != 0;
    }

  /* This app's own PUT: not learned by polling even when the server gave no time. */
  when = moved ? when_server (dossier_client_get_updated_at (client),
                              dossier_client_get_updated_at_raw (client), now)
               : when_own (now);
  g_ptr_array_add (events, new_event (dossier_client_get_id (client), NULL,
                                      DOSSIER_JOURNAL_EVENT_CLIENT_UPDATED, when,
                                      "update-client", trace_id, details));
}
