/* dossier-ui-closures.c — formatting helpers for rows, pages and expressions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dossier-ui-closures.h"

/**
 * dossier_ui_client_status_label:
 * @status: (nullable): a client's status as the server wrote it
 *
 * Returns: the status in words; an unknown status as it came
 */
const char *
dossier_ui_client_status_label (const char *status)
{
  if (g_strcmp0 (status, "pending") == 0)
    return C_("client status", "Pending");
  if (g_strcmp0 (status, "active") == 0)
    return C_("client status", "Active");
  if (g_strcmp0 (status, "rejected") == 0)
    return C_("client status", "Rejected");
  return status != NULL && *status != '\0' ? status : C_("client status", "Unknown");
}

const char *
dossier_ui_request_status_label (DossierRequestStatus status)
{
  switch (status)
    {
    case DOSSIER_REQUEST_STATUS_REQUESTED:
      return C_("request status", "Requested");
    case DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION:
      return C_("request status", "Pending Documentation");
    case DOSSIER_REQUEST_STATUS_IN_KYC:
      return C_("request status", "In Review");
    case DOSSIER_REQUEST_STATUS_ENABLED:
      return C_("request status", "Enabled");
    case DOSSIER_REQUEST_STATUS_REJECTED:
      return C_("request status", "Rejected");
    case DOSSIER_REQUEST_STATUS_UNKNOWN:
    default:
      return C_("request status", "Unknown");
    }
}

/**
 * dossier_ui_request_status_style:
 * @status: a request status
 *
 * Returns: the style class of its badge (see style.css)
 */
const char *
dossier_ui_request_status_style (DossierRequestStatus status)
{
  switch (status)
    {
    case DOSSIER_REQUEST_STATUS_REQUESTED:
    case DOSSIER_REQUEST_STATUS_PENDING_DOCUMENTATION:
      return "warning";
    case DOSSIER_REQUEST_STATUS_IN_KYC:
      return "accent";
    case DOSSIER_REQUEST_STATUS_ENABLED:
      return "success";
    case DOSSIER_REQUEST_STATUS_REJECTED:
      return "error";
    case DOSSIER_REQUEST_STATUS_UNKNOWN:
    default:
      return "dim-label";
    }
}

/**
 * dossier_ui_format_waiting:
 * @days: how long the oldest open request has waited, in whole days
 * @on_me: whether something is missing that this desk must give (else the provider has it)
 *
 * Returns: (transfer full): the client row's badge; who it waits on is in its words,
 *   not only in its colour
 */
char *
dossier_ui_format_waiting (guint    days,
                           gboolean on_me)
{
  if (days == 0)
    return g_strdup (on_me
                     /* Translators: a badge: this desk must give something, since today */
                     ? _("Waiting on you · today")
                     /* Translators: a badge: the provider reviews it, since today */
                     : _("With provider · today"));

  if (on_me)
    /* Translators: a badge on a client whose oldest open request waits on this desk */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Waiting on you · %u day",
                                         "Waiting on you · %u days", days), days);

  /* Translators: a badge on a client whose open requests wait on the provider's review */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "With provider · %u day",
                                       "With provider · %u days", days), days);
}

/**
 * dossier_ui_format_rejected:
 * @days: whole days since the request was rejected
 *
 * Returns: (transfer full): the client row's badge for a rejection no new request followed
 */
char *
dossier_ui_format_rejected (guint days)
{
  if (days == 0)
    /* Translators: a badge: the client's product request was rejected today */
    return g_strdup (_("Rejected · today"));
  /* Translators: a badge on a client whose product request was rejected, and not requested again */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Rejected · %u day", "Rejected · %u days", days),
                          days);
}

/**
 * dossier_ui_format_checked:
 * @checked_at: when the requests were last fetched, UTC µs; 0 for never
 * @now: UTC µs
 *
 * Returns: (transfer full): e.g. "checked 5 min ago"
 */
char *
dossier_ui_format_checked (gint64 checked_at,
                           gint64 now)
{
  gint64 ago = now - checked_at;

  if (checked_at == 0)
    return g_strdup (_("requests not checked yet"));
  if (ago < G_TIME_SPAN_MINUTE)
    return g_strdup (_("checked just now"));
  if (ago < G_TIME_SPAN_HOUR)
    {
      guint minutes = (guint) (ago / G_TIME_SPAN_MINUTE);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "checked %u minute ago",
                                           "checked %u minutes ago", minutes), minutes);
    }
  if (ago < G_TIME_SPAN_DAY)
    {
      guint hours = (guint) (ago / G_TIME_SPAN_HOUR);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "checked %u hour ago",
                                           "checked %u hours ago", hours), hours);
    }

  {
    guint days = (guint) (ago / G_TIME_SPAN_DAY);

    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "checked %u day ago",
                                         "checked %u days ago", days), days);
  }
}

/**
 * dossier_ui_format_row_detail:
 * @client_status: (nullable): the client's status
 * @summary: (nullable): what is known of its requests
 * @now: UTC µs
 *
 * Returns: (transfer full): the row's third line, e.g. "Active · 2 open · checked 5 min ago"
 */
char *
dossier_ui_format_row_detail (const char                  *client_status,
                              const DossierRequestSummary *summary,
                              gint64                       now)
{
  g_autofree char *checked = dossier_ui_format_checked (summary != NULL ? summary->checked_at : 0, now);
  const char *status = dossier_ui_client_status_label (client_status);

  if (summary == NULL)
    /* Translators: client status · when its requests were checked */
    return g_strdup_printf (_("%s · %s"), status, checked);

  if (summary->n_open == 0)
    {
      g_autofree char *requests = NULL;

      if (summary->n_requests == 0)
        requests = g_strdup (_("no requests"));
      else
        requests = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request", "%u requests",
                                                 summary->n_requests), summary->n_requests);
      /* Translators: client status · number of requests · when they were checked */
      return g_strdup_printf (_("%s · %s · %s"), status, requests, checked);
    }

  {
    g_autofree char *open = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open", "%u open",
                                                          summary->n_open), summary->n_open);

    /* Translators: client status · number of open requests · when they were checked */
    return g_strdup_printf (_("%s · %s · %s"), status, open, checked);
  }
}

char *
dossier_ui_format_client_count (guint n_matches,
                                guint n_total)
{
  if (n_matches == n_total)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u client", "%u clients", n_total),
                            n_total);

  /* Translators: shown while a search or filter hides some clients */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u client", "%u of %u clients",
                                       n_total), n_matches, n_total);
}

/**
 * dossier_ui_format_date_time:
 * @date_time: (nullable): a time
 *
 * Returns: (transfer full): the local date and time in the user's format, or "—"
 */
char *
dossier_ui_format_date_time (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = NULL;

  if (date_time == NULL)
    return g_strdup ("—");

  local = g_date_time_to_local (date_time);
  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (local, _("%e %B %Y, %H:%M"));
}
