/* ioc-tthc-dossier.c — one TTHC dossier (feeds.md §3, domain.md §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-tthc-dossier.h"

G_DEFINE_BOXED_TYPE (IocTthcDossier, ioc_tthc_dossier, ioc_tthc_dossier_copy, ioc_tthc_dossier_free)

/** ioc_dossier_status_is_valid: @code is a national portal status, 1–10 (domain.md §4). */
gboolean
ioc_dossier_status_is_valid (int code)
{
  return code >= IOC_DOSSIER_STATUS_MIN && code <= IOC_DOSSIER_STATUS_MAX;
}

/**
 * ioc_dossier_status_label:
 *
 * Returns: the translated label; the Vietnamese ones are the national
 *   portal's of domain.md §4 ("Mới đăng ký"…), from vi.po
 */
const char *
ioc_dossier_status_label (IocDossierStatus status)
{
  switch (status)
    {
    case IOC_DOSSIER_STATUS_MOI_DANG_KY: return C_("dossier status", "Newly registered");
    case IOC_DOSSIER_STATUS_DUOC_TIEP_NHAN: return C_("dossier status", "Accepted");
    case IOC_DOSSIER_STATUS_KHONG_TIEP_NHAN: return C_("dossier status", "Not accepted");
    case IOC_DOSSIER_STATUS_DANG_XU_LY: return C_("dossier status", "Being processed");
    case IOC_DOSSIER_STATUS_YEU_CAU_BO_SUNG: return C_("dossier status", "Additional documents requested");
    case IOC_DOSSIER_STATUS_NGHIA_VU_TAI_CHINH: return C_("dossier status", "Financial obligations requested");
    case IOC_DOSSIER_STATUS_RUT_HO_SO: return C_("dossier status", "Withdrawn at the citizen’s request");
    case IOC_DOSSIER_STATUS_DUNG_XU_LY: return C_("dossier status", "Processing stopped");
    case IOC_DOSSIER_STATUS_DA_XU_LY_XONG: return C_("dossier status", "Processed");
    case IOC_DOSSIER_STATUS_DA_TRA_KET_QUA: return C_("dossier status", "Result returned");
    case IOC_DOSSIER_STATUS_INVALID:
    default:
      g_return_val_if_reached (NULL);
    }
}

/** ioc_dossier_status_is_finished: 9 Đã xử lý xong and 10 Đã trả kết quả (domain.md §4). */
gboolean
ioc_dossier_status_is_finished (IocDossierStatus status)
{
  return status == IOC_DOSSIER_STATUS_DA_XU_LY_XONG || status == IOC_DOSSIER_STATUS_DA_TRA_KET_QUA;
}

/**
 * ioc_dossier_status_is_terminated:
 *
 * 3 Không được tiếp nhận, 7 rút hồ sơ, 8 Dừng xử lý (domain.md §4): the
 * dossier left the process without a result, so it is neither finished nor
 * unfinished for the timeliness classes.
 */
gboolean
ioc_dossier_status_is_terminated (IocDossierStatus status)
{
  return status == IOC_DOSSIER_STATUS_KHONG_TIEP_NHAN
         || status == IOC_DOSSIER_STATUS_RUT_HO_SO
         || status == IOC_DOSSIER_STATUS_DUNG_XU_LY;
}

/** ioc_dossier_channel_is_valid: @code is 1–3 (domain.md §4). */
gboolean
ioc_dossier_channel_is_valid (int code)
{
  return code >= IOC_DOSSIER_CHANNEL_TRUC_TIEP && code <= IOC_DOSSIER_CHANNEL_BUU_CHINH;
}

/** ioc_dossier_channel_label: trực tiếp, trực tuyến, bưu chính công ích (domain.md §4). */
const char *
ioc_dossier_channel_label (IocDossierChannel channel)
{
  switch (channel)
    {
    case IOC_DOSSIER_CHANNEL_TRUC_TIEP: return C_("dossier channel", "In person");
    case IOC_DOSSIER_CHANNEL_TRUC_TUYEN: return C_("dossier channel", "Online");
    case IOC_DOSSIER_CHANNEL_BUU_CHINH: return C_("dossier channel", "Public postal service");
    case IOC_DOSSIER_CHANNEL_INVALID:
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char * const timeliness_names[IOC_N_DOSSIER_TIMELINESSES] = {
  "unknown", "early", "on_time", "late", "in_time", "overdue",
};

/** ioc_dossier_timeliness_to_string: as in dossiers.json `timeliness=` (feeds.md §3). */
const char *
ioc_dossier_timeliness_to_string (IocDossierTimeliness t)
{
  g_return_val_if_fail ((guint) t < IOC_N_DOSSIER_TIMELINESSES, NULL);
  return timeliness_names[t];
}

/** ioc_dossier_timeliness_label: trước hạn, đúng hạn, trễ hạn, trong hạn, quá hạn (domain.md §4). */
const char *
ioc_dossier_timeliness_label (IocDossierTimeliness t)
{
  switch (t)
    {
    case IOC_DOSSIER_TIMELINESS_UNKNOWN: return C_("dossier timeliness", "Unknown");
    case IOC_DOSSIER_TIMELINESS_EARLY: return C_("dossier timeliness", "Finished early");
    case IOC_DOSSIER_TIMELINESS_ON_TIME: return C_("dossier timeliness", "Finished on time");
    case IOC_DOSSIER_TIMELINESS_LATE: return C_("dossier timeliness", "Finished late");
    case IOC_DOSSIER_TIMELINESS_IN_TIME: return C_("dossier timeliness", "In time");
    case IOC_DOSSIER_TIMELINESS_OVERDUE: return C_("dossier timeliness", "Overdue");
    case IOC_N_DOSSIER_TIMELINESSES:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * ioc_tthc_dossier_new:
 *
 * Returns: (transfer full): a dossier with only its id set
 */
IocTthcDossier *
ioc_tthc_dossier_new (const char *dossier_id)
{
  IocTthcDossier *dossier = g_new0 (IocTthcDossier, 1);

  dossier->dossier_id = g_strdup (dossier_id);
  return dossier;
}

IocTthcDossier *
ioc_tthc_dossier_copy (const IocTthcDossier *dossier)
{
  IocTthcDossier *copy;

  g_return_val_if_fail (dossier != NULL, NULL);

  copy = ioc_tthc_dossier_new (dossier->dossier_id);
  copy->procedure_code = g_strdup (dossier->procedure_code);
  copy->procedure_name = g_strdup (dossier->procedure_name);
  copy->unit_id = g_strdup (dossier->unit_id);
  copy->officer = g_strdup (dossier->officer);
  copy->received_at = dossier->received_at ? g_date_time_ref (dossier->received_at) : NULL;
  copy->due_at = dossier->due_at ? g_date_time_ref (dossier->due_at) : NULL;
  copy->finished_at = dossier->finished_at ? g_date_time_ref (dossier->finished_at) : NULL;
  copy->status = dossier->status;
  copy->channel = dossier->channel;
  return copy;
}

void
ioc_tthc_dossier_free (IocTthcDossier *dossier)
{
  if (dossier == NULL)
    return;
  g_free (dossier->dossier_id);
  g_free (dossier->procedure_code);
  g_free (dossier->procedure_name);
  g_free (dossier->unit_id);
  g_free (dossier->officer);
  g_clear_pointer (&dossier->received_at, g_date_time_unref);
  g_clear_pointer (&dossier->due_at, g_date_time_unref);
  g_clear_pointer (&dossier->finished_at, g_date_time_unref);
  g_free (dossier);
}

/* The local calendar day in Vietnam (+07:00) as a day number. */
static gint64
local_day (GDateTime *t)
{
  gint64 s = g_date_time_to_unix (t) + 7 * 3600;

  /* Floor division, so that days before 1970 do not round towards zero. */
  return s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
}

/**
 * ioc_tthc_dossier_timeliness:
 * @now: the current time, for unfinished dossiers
 *
 * domain.md §4. A dossier with a finished_at (or status 9–10) is finished:
 * *trễ hạn* after its due time, *đúng hạn* on the due day (Vietnam time,
 * +07:00) up to the due time, *trước hạn* on an earlier day. Otherwise it is
 * unfinished: *quá hạn* once @now is past the due time, else *trong hạn*.
 * Refused, withdrawn and stopped dossiers (3, 7, 8), a finished status
 * without finished_at, and dossiers without a due time are
 * %IOC_DOSSIER_TIMELINESS_UNKNOWN: there is nothing to measure them against.
 */
IocDossierTimeliness
ioc_tthc_dossier_timeliness (const IocTthcDossier *dossier,
                             GDateTime            *now)
{
  g_return_val_if_fail (dossier != NULL, IOC_DOSSIER_TIMELINESS_UNKNOWN);
  g_return_val_if_fail (now != NULL, IOC_DOSSIER_TIMELINESS_UNKNOWN);

  if (ioc_dossier_status_is_terminated (dossier->status) || dossier->due_at == NULL)
    return IOC_DOSSIER_TIMELINESS_UNKNOWN;

  if (dossier->finished_at != NULL)
    {
      if (g_date_time_compare (dossier->finished_at, dossier->due_at) > 0)
        return IOC_DOSSIER_TIMELINESS_LATE;
      if (local_day (dossier->finished_at) == local_day (dossier->due_at))
        return IOC_DOSSIER_TIMELINESS_ON_TIME;
      return IOC_DOSSIER_TIMELINESS_EARLY;
    }

  if (ioc_dossier_status_is_finished (dossier->status))
    return IOC_DOSSIER_TIMELINESS_UNKNOWN;

  if (g_date_time_compare (now, dossier->due_at) > 0)
    return IOC_DOSSIER_TIMELINESS_OVERDUE;
  return IOC_DOSSIER_TIMELINESS_IN_TIME;
}
