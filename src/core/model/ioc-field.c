/* ioc-field.c — complaint fields (lĩnh vực), domain.md §3 default list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-field.h"

/* Assumption (domain.md §3 gives the fields, not their tiers or agencies):
 * - the default deadline tier of each field follows what the field usually
 *   needs: public safety is an emergency; outages, flooding, broken roads and
 *   health problems are checked and fixed at once; land and construction
 *   disputes need several agencies; the rest is ordinary. Operators can change
 *   the tier per field (the calendar's configuration), this is only the default.
 * - agencies are the provincial departments after the 2025 reorganisation
 *   (Sở Xây dựng absorbed Giao thông vận tải; Sở Nông nghiệp và Môi trường
 *   merged agriculture with natural resources and environment; social
 *   protection moved from Sở Lao động – Thương binh và Xã hội to Sở Y tế).
 *   Urban order is the commune's own task under two-level local government. */
static const IocFieldInfo fields[IOC_N_FIELDS] = {
  { IOC_FIELD_TTDT, "TTĐT", "TTDT", NC_("complaint field", "Urban order"),
    IOC_SLA_TIER_THONG_THUONG, "Ủy ban nhân dân cấp xã" },
  { IOC_FIELD_MT, "MT", "MT", NC_("complaint field", "Environment and sanitation"),
    IOC_SLA_TIER_THONG_THUONG, "Sở Nông nghiệp và Môi trường" },
  { IOC_FIELD_GT, "GT", "GT", NC_("complaint field", "Transport and infrastructure"),
    IOC_SLA_TIER_XU_LY_NGAY, "Sở Xây dựng" },
  { IOC_FIELD_DCS, "ĐCS", "DCS", NC_("complaint field", "Electricity and street lighting"),
    IOC_SLA_TIER_XU_LY_NGAY, "Sở Công Thương" },
  { IOC_FIELD_CTN, "CTN", "CTN", NC_("complaint field", "Water supply, drainage and flooding"),
    IOC_SLA_TIER_XU_LY_NGAY, "Sở Xây dựng" },
  { IOC_FIELD_ANTT, "ANTT", "ANTT", NC_("complaint field", "Public security and order"),
    IOC_SLA_TIER_KHAN_CAP, "Công an tỉnh" },
  { IOC_FIELD_ASXH, "ASXH", "ASXH", NC_("complaint field", "Social welfare"),
    IOC_SLA_TIER_THONG_THUONG, "Sở Y tế" },
  { IOC_FIELD_YT, "YT", "YT", NC_("complaint field", "Health"),
    IOC_SLA_TIER_XU_LY_NGAY, "Sở Y tế" },
  { IOC_FIELD_GD, "GD", "GD", NC_("complaint field", "Education"),
    IOC_SLA_TIER_THONG_THUONG, "Sở Giáo dục và Đào tạo" },
  { IOC_FIELD_DDXD, "ĐĐXD", "DDXD", NC_("complaint field", "Land and construction"),
    IOC_SLA_TIER_PHUC_TAP, "Sở Nông nghiệp và Môi trường" },
  { IOC_FIELD_KHAC, "KHAC", "KHAC", NC_("complaint field", "Other"),
    IOC_SLA_TIER_THONG_THUONG, "Văn phòng Ủy ban nhân dân tỉnh" },
};

/**
 * ioc_field_all:
 * @n_fields: (out) (optional): %IOC_N_FIELDS
 *
 * Returns: (transfer none): the default field table of domain.md §3
 */
const IocFieldInfo *
ioc_field_all (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

/** ioc_field_info: (transfer none): the table row of @field (domain.md §3). */
const IocFieldInfo *
ioc_field_info (IocField field)
{
  g_return_val_if_fail ((guint) field < IOC_N_FIELDS, NULL);
  return &fields[field];
}

/** ioc_field_to_string: the ASCII wire code ("DDXD"), the canonical key. */
const char *
ioc_field_to_string (IocField field)
{
  g_return_val_if_fail ((guint) field < IOC_N_FIELDS, NULL);
  return fields[field].wire_code;
}

/**
 * ioc_field_from_code:
 * @code: an Open311 service_code
 * @field: (out) (optional)
 *
 * Accepts both spellings of domain.md §3's codes: the Vietnamese one ("ĐĐXD",
 * "đđxd") and the ASCII one ("DDXD"), because Open311 service codes are often
 * restricted to ASCII.
 *
 * Returns: %TRUE when @code names one of the default fields
 */
gboolean
ioc_field_from_code (const char *code,
                     IocField   *field)
{
  g_autofree char *folded = NULL;

  if (code == NULL || !g_utf8_validate (code, -1, NULL))
    return FALSE;

  folded = g_utf8_casefold (code, -1);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded_code = g_utf8_casefold (fields[i].code, -1);

      if (g_ascii_strcasecmp (code, fields[i].wire_code) == 0
          || g_strcmp0 (folded, folded_code) == 0)
        {
          if (field != NULL)
            *field = fields[i].field;
          return TRUE;
        }
    }

  return FALSE;
}

/** ioc_field_label: the translated name ("Đất đai, xây dựng" in vi). */
const char *
ioc_field_label (IocField field)
{
  g_return_val_if_fail ((guint) field < IOC_N_FIELDS, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "complaint field", fields[field].name);
}
