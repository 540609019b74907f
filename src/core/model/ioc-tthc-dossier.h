/* ioc-tthc-dossier.h — one TTHC dossier (hồ sơ): `dossiers.json` of the TTHC
 * feed (feeds.md §3), with the national portal's statuses and channels and
 * the timeliness classification of domain.md §4
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* National portal status codes (domain.md §4); the values are the wire codes. */
typedef enum {
  IOC_DOSSIER_STATUS_INVALID = 0,
  IOC_DOSSIER_STATUS_MOI_DANG_KY = 1,          /* Mới đăng ký */
  IOC_DOSSIER_STATUS_DUOC_TIEP_NHAN = 2,       /* Được tiếp nhận */
  IOC_DOSSIER_STATUS_KHONG_TIEP_NHAN = 3,      /* Không được tiếp nhận */
  IOC_DOSSIER_STATUS_DANG_XU_LY = 4,           /* Đang xử lý */
  IOC_DOSSIER_STATUS_YEU_CAU_BO_SUNG = 5,      /* Yêu cầu bổ sung giấy tờ */
  IOC_DOSSIER_STATUS_NGHIA_VU_TAI_CHINH = 6,   /* Yêu cầu thực hiện nghĩa vụ tài chính */
  IOC_DOSSIER_STATUS_RUT_HO_SO = 7,            /* Công dân yêu cầu rút hồ sơ */
  IOC_DOSSIER_STATUS_DUNG_XU_LY = 8,           /* Dừng xử lý */
  IOC_DOSSIER_STATUS_DA_XU_LY_XONG = 9,        /* Đã xử lý xong */
  IOC_DOSSIER_STATUS_DA_TRA_KET_QUA = 10,      /* Đã trả kết quả */
} IocDossierStatus;

#define IOC_DOSSIER_STATUS_MIN 1
#define IOC_DOSSIER_STATUS_MAX 10

/* Channels (domain.md §4); the values are the wire codes. */
typedef enum {
  IOC_DOSSIER_CHANNEL_INVALID = 0,
  IOC_DOSSIER_CHANNEL_TRUC_TIEP = 1,   /* in person */
  IOC_DOSSIER_CHANNEL_TRUC_TUYEN = 2,  /* online */
  IOC_DOSSIER_CHANNEL_BUU_CHINH = 3,   /* public postal service */
} IocDossierChannel;

/* Timeliness (domain.md §4): finished dossiers are early, on time or late;
 * unfinished ones in time or overdue. */
typedef enum {
  IOC_DOSSIER_TIMELINESS_UNKNOWN,   /* not enough data, or withdrawn/refused/stopped */
  IOC_DOSSIER_TIMELINESS_EARLY,     /* trước hạn */
  IOC_DOSSIER_TIMELINESS_ON_TIME,   /* đúng hạn */
  IOC_DOSSIER_TIMELINESS_LATE,      /* trễ hạn */
  IOC_DOSSIER_TIMELINESS_IN_TIME,   /* trong hạn */
  IOC_DOSSIER_TIMELINESS_OVERDUE,   /* quá hạn */
  IOC_N_DOSSIER_TIMELINESSES
} IocDossierTimeliness;

gboolean    ioc_dossier_status_is_valid       (int                   code);
const char *ioc_dossier_status_label          (IocDossierStatus      status);   /* translated */
/* 9 and 10: the dossier has been handled. */
gboolean    ioc_dossier_status_is_finished    (IocDossierStatus      status);
/* 3, 7, 8: the dossier left the process without a result; not timed. */
gboolean    ioc_dossier_status_is_terminated  (IocDossierStatus      status);
gboolean    ioc_dossier_channel_is_valid      (int                   code);
const char *ioc_dossier_channel_label         (IocDossierChannel     channel);  /* translated */
const char *ioc_dossier_timeliness_to_string  (IocDossierTimeliness  t);        /* "early", "overdue"… */
const char *ioc_dossier_timeliness_label      (IocDossierTimeliness  t);        /* translated */

typedef struct {
  char              *dossier_id;
  char              *procedure_code;
  char              *procedure_name;
  char              *unit_id;
  char              *officer;        /* nullable */
  GDateTime         *received_at;    /* nullable */
  GDateTime         *due_at;         /* nullable: some procedures have no deadline */
  GDateTime         *finished_at;    /* nullable: unfinished */
  IocDossierStatus   status;
  IocDossierChannel  channel;
} IocTthcDossier;

#define IOC_TYPE_TTHC_DOSSIER (ioc_tthc_dossier_get_type ())
GType                 ioc_tthc_dossier_get_type    (void) G_GNUC_CONST;
IocTthcDossier       *ioc_tthc_dossier_new         (const char           *dossier_id);
IocTthcDossier       *ioc_tthc_dossier_copy        (const IocTthcDossier *dossier);
void                  ioc_tthc_dossier_free        (IocTthcDossier       *dossier);
/* domain.md §4 timeliness at @now (needed for unfinished dossiers). */
IocDossierTimeliness  ioc_tthc_dossier_timeliness  (const IocTthcDossier *dossier,
                                                    GDateTime            *now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocTthcDossier, ioc_tthc_dossier_free)

G_END_DECLS
