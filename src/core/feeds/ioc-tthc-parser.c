/* ioc-tthc-parser.c — the TTHC statistics feed (feeds.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ioc-feed-error.h"
#include "ioc-feed-json.h"
#include "ioc-feed-xml.h"
#include "ioc-tthc-parser.h"

typedef enum {
  KIND_UNITS,
  KIND_STATS,
  KIND_DAILY,
  KIND_DOSSIERS,
} Kind;

void
ioc_tthc_result_free (IocTthcResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->units, g_ptr_array_unref);
  g_clear_pointer (&result->stats, g_ptr_array_unref);
  g_clear_pointer (&result->dossiers, g_ptr_array_unref);
  g_clear_pointer (&result->generated_at, g_date_time_unref);
  g_clear_pointer (&result->skipped, g_ptr_array_unref);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

gboolean
ioc_tthc_parse_date (const char *text,
                     GDate      *date)
{
  guint y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = (guint) g_ascii_strtoull (text, NULL, 10);
  m = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (y < 1 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static gboolean
get_date (JsonObject  *object,
          const char  *member,
          GDate       *date,
          GError     **error)
{
  g_autofree char *text = NULL;

  g_date_clear (date, 1);
  if (!ioc_feed_json_get_string (object, member, &text, error))
    return FALSE;
  if (text == NULL)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED, _("“%s” is missing"), member);
      return FALSE;
    }
  if (!ioc_tthc_parse_date (text, date))
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("“%s” is not a valid date written YYYY-MM-DD"), member);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_counts (JsonObject    *object,
            IocTthcStats  *stats,
            gboolean       services_optional,
            GError       **error)
{
  for (IocTthcCount c = 0; c < IOC_N_TTHC_COUNTS; c++)
    {
      const char *name = ioc_tthc_count_to_string (c);
      gboolean present;
      guint64 value;

      if (!ioc_feed_json_get_count (object, name, &present, &value, error))
        return FALSE;
      if (!present && !(services_optional && g_str_has_prefix (name, "services_")))
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED, _("“%s” is missing"), name);
          return FALSE;
        }
      ioc_tthc_stats_set_count (stats, c, present ? value : 0);
    }
  return ioc_tthc_stats_check (stats, error);
}

static IocTthcUnit *
parse_unit (JsonObject  *object,
            GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *commune = NULL;
  IocTthcUnitKind k;

  if (!ioc_feed_json_get_id (object, "unit_id", &id, error) ||
      !ioc_feed_json_get_string (object, "name", &name, error) ||
      !ioc_feed_json_get_string (object, "kind", &kind, error) ||
      !ioc_feed_json_get_string (object, "commune_code", &commune, error))
    return NULL;
  if (name == NULL)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED, _("“%s” is missing"), "name");
      return NULL;
    }
  if (kind == NULL || !ioc_tthc_unit_kind_from_string (kind, &k))
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("“%s” is not one of so_nganh, xa, phuong, dac_khu, tinh"), "kind");
      return NULL;
    }
  return ioc_tthc_unit_new (id, name, k, commune);
}

static GDateTime *
get_required_datetime (JsonObject  *object,
                       const char  *member,
                       gboolean     required,
                       GError     **error)
{
  GDateTime *dt = NULL;

  if (!ioc_feed_json_get_datetime (object, member, &dt, error))
    return NULL;
  if (dt == NULL && required)
    g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED, _("“%s” is missing"), member);
  return dt;
}

static IocTthcDossier *
parse_dossier (JsonObject  *object,
               GError     **error)
{
  g_autoptr(IocTthcDossier) dossier = NULL;
  g_autofree char *id = NULL;
  gboolean present;
  guint64 status = 0, channel = 0;

  if (!ioc_feed_json_get_id (object, "dossier_id", &id, error))
    return NULL;
  dossier = ioc_tthc_dossier_new (id);
  if (!ioc_feed_json_get_string (object, "procedure_code", &dossier->procedure_code, error) ||
      !ioc_feed_json_get_string (object, "procedure_name", &dossier->procedure_name, error) ||
      !ioc_feed_json_get_id (object, "unit_id", &dossier->unit_id, error) ||
      !ioc_feed_json_get_string (object, "officer", &dossier->officer, error) ||
      !ioc_feed_json_get_datetime (object, "finished_at", &dossier->finished_at, error) ||
      !ioc_feed_json_get_datetime (object, "due_at", &dossier->due_at, error))
    return NULL;
  dossier->received_at = get_required_datetime (object, "received_at", TRUE, error);
  if (dossier->received_at == NULL)
    return NULL;
  if (!ioc_feed_json_get_count (object, "status_code", &present, &status, error))
    return NULL;
  if (!present || status > G_MAXINT || !ioc_dossier_status_is_valid ((int) status))
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("“%s” is not a national portal status code (1–10)"), "status_code");
      return NULL;
    }
  if (!ioc_feed_json_get_count (object, "channel", &present, &channel, error))
    return NULL;
  if (!present || channel > G_MAXINT || !ioc_dossier_channel_is_valid ((int) channel))
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("“%s” is not a channel code (1–3)"), "channel");
      return NULL;
    }
  dossier->status = (IocDossierStatus) status;
  dossier->channel = (IocDossierChannel) channel;
  if (dossier->due_at != NULL && g_date_time_compare (dossier->due_at, dossier->received_at) < 0)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("the dossier is due before it was received"));
      return NULL;
    }
  return g_steal_pointer (&dossier);
}

static gboolean
check_error_body (JsonNode  *root,
                  GError   **error)
{
  JsonObject *object;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) ignored = NULL;

  if (JSON_NODE_HOLDS_ARRAY (root) && json_array_get_length (json_node_get_array (root)) == 1)
    root = json_array_get_element (json_node_get_array (root), 0);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "code") ||
      !(json_object_has_member (object, "message") || json_object_has_member (object, "description")) ||
      json_object_has_member (object, "unit_id") || json_object_has_member (object, "units") ||
      json_object_has_member (object, "days") || json_object_has_member (object, "dossier_id"))
    return FALSE;
  ioc_feed_json_get_string (object, "code", &code, &ignored);
  g_clear_error (&ignored);
  ioc_feed_json_get_string (object, "message", &message, &ignored);
  if (message == NULL)
    {
      g_clear_error (&ignored);
      ioc_feed_json_get_string (object, "description", &message, &ignored);
    }
  g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_SERVER,
               _("The server reported an error: %s (%s)"),
               message != NULL ? message : "", code != NULL ? code : "?");
  return TRUE;
}

static void
skip (IocTthcResult *result,
      guint          index,
      const GError  *error)
{
  g_ptr_array_add (result->skipped, g_strdup_printf (_("record %u: %s"), index, error->message));
}

static IocTthcResult *
parse (Kind         kind,
       const char  *data,
       gsize        length,
       GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(IocTthcResult) result = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *daily_unit = NULL;
  JsonObject *object = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  root = ioc_feed_json_parse (data, length, IOC_FEED_JSON_NONE, error);
  if (root == NULL || check_error_body (root, error))
    return NULL;

  result = g_new0 (IocTthcResult, 1);
  result->units = g_ptr_array_new_with_free_func (g_object_unref);
  result->stats = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_tthc_stats_free);
  result->dossiers = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_tthc_dossier_free);
  result->skipped = g_ptr_array_new_with_free_func (g_free);
  result->warnings = g_ptr_array_new_with_free_func (g_free);
  g_date_clear (&result->period_from, 1);
  g_date_clear (&result->period_to, 1);

  if (kind == KIND_UNITS || kind == KIND_DOSSIERS)
    {
      if (!JSON_NODE_HOLDS_ARRAY (root))
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("The response is not a list"));
          return NULL;
        }
      items = ioc_feed_list_items (root, NULL);
    }
  else
    {
      JsonNode *period;
      JsonNode *list;

      if (!JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("The response is not an object"));
          return NULL;
        }
      object = json_node_get_object (root);
      period = json_object_get_member (object, "period");
      if (period == NULL || !JSON_NODE_HOLDS_OBJECT (period) ||
          !get_date (json_node_get_object (period), "from", &result->period_from, error) ||
          !get_date (json_node_get_object (period), "to", &result->period_to, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                         _("“%s” is missing"), "period");
          else
            g_prefix_error (error, _("The response’s period is unusable: "));
          return NULL;
        }
      if (g_date_compare (&result->period_from, &result->period_to) > 0)
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("The response’s period ends before it starts"));
          return NULL;
        }
      {
        g_autoptr(GError) local_error = NULL;

        if (!ioc_feed_json_get_datetime (object, "generated_at", &result->generated_at, &local_error))
          g_ptr_array_add (result->warnings, g_strdup (local_error->message));
      }
      if (kind == KIND_DAILY)
        {
          g_autoptr(GError) local_error = NULL;

          if (!ioc_feed_json_get_string (object, "unit_id", &daily_unit, &local_error))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
      list = json_object_get_member (object, kind == KIND_STATS ? "units" : "days");
      if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("The response’s “%s” is not a list"), kind == KIND_STATS ? "units" : "days");
          return NULL;
        }
      items = ioc_feed_list_items (list, NULL);
    }

  for (guint i = 0; i < items->len; i++)
    {
      JsonNode *node = items->pdata[i];
      g_autoptr(GError) local_error = NULL;
      JsonObject *record;

      result->n_records++;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (&local_error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED, _("it is not an object"));
          skip (result, i + 1, local_error);
          continue;
        }
      record = json_node_get_object (node);
      switch (kind)
        {
        case KIND_UNITS:
          {
            IocTthcUnit *unit = parse_unit (record, &local_error);
            if (unit != NULL)
              g_ptr_array_add (result->units, unit);
          }
          break;
        case KIND_DOSSIERS:
          {
            IocTthcDossier *dossier = parse_dossier (record, &local_error);
            if (dossier != NULL)
              g_ptr_array_add (result->dossiers, dossier);
          }
          break;
        case KIND_STATS:
          {
            g_autofree char *unit_id = NULL;
            g_autoptr(IocTthcStats) stats = NULL;

            if (!ioc_feed_json_get_id (record, "unit_id", &unit_id, &local_error))
              break;
            stats = ioc_tthc_stats_new (unit_id);
            ioc_tthc_stats_set_period (stats, &result->period_from, &result->period_to);
            if (get_counts (record, stats, FALSE, &local_error))
              g_ptr_array_add (result->stats, g_steal_pointer (&stats));
          }
          break;
        case KIND_DAILY:
          {
            g_autoptr(IocTthcStats) stats = ioc_tthc_stats_new (daily_unit);
            GDate day;

            if (!get_date (record, "date", &day, &local_error))
              break;
            if (g_date_compare (&day, &result->period_from) < 0 || g_date_compare (&day, &result->period_to) > 0)
              {
                g_set_error (&local_error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                             _("the day is outside the response’s period"));
                break;
              }
            ioc_tthc_stats_set_period (stats, &day, &day);
            if (get_counts (record, stats, TRUE, &local_error))
              g_ptr_array_add (result->stats, g_steal_pointer (&stats));
          }
          break;
        default:
          g_assert_not_reached ();
        }
      if (local_error != NULL)
        skip (result, i + 1, local_error);
    }

  return g_steal_pointer (&result);
}

/** ioc_tthc_parse_units: feeds.md §3 `GET units.json`. */
IocTthcResult *
ioc_tthc_parse_units (const char *data, gsize length, GError **error)
{
  return parse (KIND_UNITS, data, length, error);
}

/** ioc_tthc_parse_stats: feeds.md §3 `GET stats.json`. */
IocTthcResult *
ioc_tthc_parse_stats (const char *data, gsize length, GError **error)
{
  return parse (KIND_STATS, data, length, error);
}

/** ioc_tthc_parse_daily: feeds.md §3 `GET daily.json`. */
IocTthcResult *
ioc_tthc_parse_daily (const char *data, gsize length, GError **error)
{
  return parse (KIND_DAILY, data, length, error);
}

/** ioc_tthc_parse_dossiers: feeds.md §3 `GET dossiers.json`. */
IocTthcResult *
ioc_tthc_parse_dossiers (const char *data, gsize length, GError **error)
{
  return parse (KIND_DOSSIERS, data, length, error);
}
