/* ioc-sim-text.c — Vietnamese vocabulary of the simulated complaints
 *
 * Descriptions are composed from per-field templates and a place (a street
 * of the ward's town, or an ấp for rural communes) so that a demo reads like
 * the province's SmartAnGiang feed. Field codes and names follow domain.md §3;
 * agencies are the post-2025 provincial departments and the commune people's
 * committees.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ioc-sim-text.h"

static const IocSimField fields[] = {
  { "TTĐT", "Trật tự đô thị", "Lấn chiếm vỉa hè, lòng đường; quảng cáo sai phép; buôn bán tự phát",
    "Đô thị", "lấn chiếm, vỉa hè, buôn bán", "Sở Xây dựng", 0.9, 14, 1.0 },
  { "MT", "Môi trường, vệ sinh", "Rác thải, nước thải, khói bụi, tiếng ồn, ô nhiễm",
    "Môi trường", "rác, nước thải, mùi hôi, tiếng ồn", "Sở Nông nghiệp và Môi trường", 0.6, 18, 1.2 },
  { "GT", "Giao thông, hạ tầng", "Đường hư hỏng, ổ gà, biển báo, đèn tín hiệu, cầu cống",
    "Hạ tầng", "ổ gà, sụt lún, cầu, biển báo", "Sở Xây dựng", 0.3, 16, 1.3 },
  { "ĐCS", "Điện, chiếu sáng", "Đèn đường không sáng, dây điện võng, mất điện",
    "Hạ tầng", "đèn đường, điện, chiếu sáng", "Công ty Điện lực An Giang", 0.2, 10, 1.1 },
  { "CTN", "Cấp thoát nước, ngập", "Mất nước, rò rỉ đường ống, cống nghẹt, ngập úng",
    "Hạ tầng", "nước sạch, ngập, cống", "Công ty Cổ phần Điện nước An Giang", 0.3, 10, 2.0 },
  { "ANTT", "An ninh trật tự", "Tụ tập gây rối, đua xe, trộm cắp, cờ bạc",
    "An ninh", "gây rối, đua xe, trộm cắp", "Công an tỉnh An Giang", 0.5, 8, 1.0 },
  { "ASXH", "An sinh xã hội", "Chính sách người có công, bảo trợ xã hội, hộ nghèo",
    "Xã hội", "trợ cấp, hộ nghèo, bảo trợ", "Sở Nội vụ", 0.7, 5, 1.0 },
  { "YT", "Y tế", "An toàn thực phẩm, cơ sở khám chữa bệnh, dịch bệnh",
    "Xã hội", "thực phẩm, sốt xuất huyết, phòng khám", "Sở Y tế", 0.3, 5, 1.3 },
  { "GD", "Giáo dục", "Trường học, học phí, dạy thêm",
    "Xã hội", "trường học, học phí, dạy thêm", "Sở Giáo dục và Đào tạo", 0.3, 4, 0.9 },
  { "ĐĐXD", "Đất đai, xây dựng", "Xây dựng không phép, tranh chấp ranh đất, cấp giấy chứng nhận",
    "Đô thị", "xây dựng, đất đai, giấy phép", "Sở Nông nghiệp và Môi trường", 0.7, 7, 1.0 },
  { "KHAC", "Khác", "Các phản ánh, kiến nghị khác",
    "Khác", "khác", "Văn phòng UBND tỉnh An Giang", 0.8, 3, 1.0 },
};

/* {P} is replaced by the place ("đường Trần Hưng Đạo", "ấp Long Hòa"). */
static const char *const templates[][4] = {
  { "Nhiều hộ kinh doanh lấn chiếm vỉa hè tại {P}, người đi bộ phải đi xuống lòng đường.",
    "Xe bán trái cây đậu tràn ra lòng đường tại {P} vào giờ tan tầm, gây ùn tắc.",
    "Bảng quảng cáo treo sai quy định tại {P}, có nguy cơ rơi xuống khi có gió lớn.",
    "Quán ăn bày bàn ghế chiếm hết vỉa hè tại {P} đến khuya." },
  { "Rác thải tồn đọng nhiều ngày tại {P}, bốc mùi hôi thối ảnh hưởng các hộ xung quanh.",
    "Cơ sở chế biến thủy sản tại {P} xả nước thải có mùi hôi ra kênh.",
    "Khói bụi từ lò đốt rác gần {P} làm người dân khó thở, nhất là buổi chiều.",
    "Tiếng ồn từ quán karaoke tại {P} kéo dài sau 22 giờ, ảnh hưởng giấc ngủ người dân." },
  { "Mặt đường tại {P} xuất hiện nhiều ổ gà lớn, trời mưa đọng nước rất nguy hiểm cho xe máy.",
    "Nắp cống bị vỡ tại {P}, đã có người đi đường bị té ngã.",
    "Cầu gỗ tại {P} xuống cấp, nhiều ván cầu mục, học sinh qua lại nguy hiểm.",
    "Biển báo giao thông tại {P} bị ngã, cây che khuất đèn tín hiệu." },
  { "Đèn đường tại {P} không sáng nhiều ngày, người dân đi lại buổi tối khó khăn.",
    "Dây điện võng thấp tại {P}, xe tải đi qua có nguy cơ vướng.",
    "Khu vực {P} mất điện nhiều lần trong tuần mà không có thông báo.",
    "Trụ điện tại {P} bị nghiêng sau cơn mưa lớn, có nguy cơ ngã đổ." },
  { "Khu dân cư tại {P} mất nước sinh hoạt từ hai ngày nay.",
    "Đường ống cấp nước bị bể tại {P}, nước chảy lênh láng ra đường.",
    "Mưa lớn gây ngập sâu tại {P}, nước rút rất chậm do cống thoát nước bị nghẹt.",
    "Nước máy tại {P} có màu đục và mùi lạ." },
  { "Nhóm thanh niên thường xuyên tụ tập đua xe tại {P} vào ban đêm.",
    "Có tình trạng tụ tập cờ bạc tại {P}, đề nghị kiểm tra.",
    "Nhiều vụ trộm xe máy xảy ra gần {P} trong tháng qua.",
    "Đối tượng say xỉn gây rối trật tự tại {P}." },
  { "Gia đình tôi ở {P} thuộc diện hộ nghèo nhưng chưa được xét hỗ trợ.",
    "Người cao tuổi tại {P} chưa nhận được trợ cấp xã hội tháng này.",
    "Đề nghị xem xét chế độ cho người có công tại {P}.",
    "Hồ sơ hỗ trợ người khuyết tật tại {P} nộp đã lâu chưa có kết quả." },
  { "Cơ sở kinh doanh thực phẩm tại {P} không đảm bảo vệ sinh.",
    "Khu vực {P} có nhiều ca sốt xuất huyết, đề nghị phun thuốc diệt muỗi.",
    "Phòng khám tư nhân tại {P} hoạt động không có giấy phép.",
    "Nhà thuốc tại {P} bán thuốc kê đơn không cần toa." },
  { "Trường học gần {P} thu các khoản ngoài quy định đầu năm học.",
    "Giáo viên tổ chức dạy thêm tại nhà ở {P}.",
    "Sân trường gần {P} ngập nước sau mưa, học sinh đi lại khó khăn.",
    "Cổng trường tại {P} ùn tắc giờ tan học, đề nghị bố trí người phân luồng." },
  { "Công trình xây dựng tại {P} không có giấy phép, lấn ra hành lang kênh.",
    "Tranh chấp ranh giới đất tại {P} chưa được giải quyết.",
    "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất tại {P} bị chậm.",
    "Công trình tại {P} để vật liệu xây dựng tràn ra đường." },
  { "Đề nghị lắp thêm camera an ninh tại {P}.",
    "Cây xanh tại {P} có cành khô có nguy cơ gãy đổ.",
    "Chó thả rông tại {P} gây nguy hiểm cho người đi đường.",
    "Đề nghị bố trí thêm thùng rác công cộng tại {P}." },
};

static const char *const tails[] = {
  " Đề nghị cơ quan chức năng sớm kiểm tra, xử lý.",
  " Người dân đã phản ánh nhiều lần nhưng chưa được giải quyết.",
  " Mong được quan tâm giải quyết sớm.",
  " Kính đề nghị chính quyền địa phương xem xét.",
  "",
};

/* Streets of the towns whose wards carry their names; others share a common list. */
static const struct { const char *town; const char *streets[8]; } town_streets[] = {
  { "Long Xuyên", { "Trần Hưng Đạo", "Hà Hoàng Hổ", "Lý Thái Tổ", "Nguyễn Trãi",
                    "Tôn Đức Thắng", "Hai Bà Trưng", "Phạm Cự Lượng", "Ung Văn Khiêm" } },
  { "Rạch Giá", { "Nguyễn Trung Trực", "Lâm Quang Ky", "Trần Phú", "Mạc Cửu",
                  "Ngô Quyền", "Lạc Hồng", "Nguyễn Hùng Sơn", "3 Tháng 2" } },
  { "Châu Đốc", { "Thủ Khoa Nghĩa", "Châu Thị Tế", "Tôn Đức Thắng", "Lê Lợi",
                  "Nguyễn Văn Thoại", "Trưng Nữ Vương", "Phan Đình Phùng", "Sương Nguyệt Ánh" } },
  { "Hà Tiên", { "Mạc Thiên Tích", "Đông Hồ", "Tô Châu", "Phương Thành",
                 "Mạc Công Du", "Chi Lăng", "Lam Sơn", "Bạch Đằng" } },
  { "Phú Quốc", { "Trần Hưng Đạo", "Nguyễn Trung Trực", "30 Tháng 4", "Hùng Vương",
                  "Cách Mạng Tháng Tám", "Trần Phú", "Bạch Đằng", "Nguyễn Văn Cừ" } },
};

static const char *const common_streets[] = {
  "Lê Lợi", "Nguyễn Huệ", "Trần Hưng Đạo", "Hùng Vương", "Nguyễn Trãi",
  "Lý Thường Kiệt", "Quang Trung", "Võ Thị Sáu", "Nguyễn Thái Học", "Lê Hồng Phong",
};

static const char *const hamlets[] = {
  "Long Hòa", "Phú Hiệp", "Vĩnh Lợi", "Tân Thành", "Mỹ Phú", "Bình Hòa", "Thạnh Lợi",
  "Hòa Long", "An Thạnh", "Phước Lộc", "Vàm Nao", "Tân Hiệp A", "Đông An", "Kênh Đào",
  "Bình Thành", "Phú Thượng", "Mỹ Hòa", "Tân Lập", "Vĩnh Thuận", "Rạch Sỏi",
};

static const char *const operators[] = {
  "Nguyễn Thị Thu Hà", "Trần Minh Tâm", "Lê Hoàng Phúc", "Phạm Ngọc Hân",
  "Huỳnh Văn Lộc", "Võ Thị Kim Ngân", "Đặng Quốc Bảo", "Bùi Thanh Trúc",
};

static const char *const officers[] = {
  "Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Văn Nam", "Phạm Thị Lan", "Huỳnh Công Danh",
  "Võ Văn Tài", "Đỗ Thị Hồng", "Châu Văn Sang", "Lâm Thị Bích", "Danh Sóc Kha",
  "Thạch Thị Sa Rươl", "Néang Sóc Pha", "Trương Minh Trí", "Ngô Thị Yến", "Dương Văn Khải",
};

static const char *const departments[] = {
  "Văn phòng UBND tỉnh An Giang", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường",
  "Sở Tài chính", "Sở Nội vụ", "Sở Tư pháp", "Sở Công Thương", "Sở Y tế",
  "Sở Giáo dục và Đào tạo", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch",
  "Sở Dân tộc và Tôn giáo", "Sở Ngoại vụ", "Thanh tra tỉnh", "Công an tỉnh An Giang",
  "Ban Quản lý Khu kinh tế", "Công ty Điện lực An Giang", "Công ty Cổ phần Điện nước An Giang",
};

const IocSimField *
ioc_sim_text_fields (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const char *const *
ioc_sim_text_departments (guint *n)
{
  *n = G_N_ELEMENTS (departments);
  return departments;
}

const char *const *
ioc_sim_text_operators (guint *n)
{
  *n = G_N_ELEMENTS (operators);
  return operators;
}

const char *
ioc_sim_text_officer (IocSimRng *rng)
{
  return officers[ioc_sim_rng_below (rng, G_N_ELEMENTS (officers))];
}

static gboolean
is_urban (const IocCommune *commune)
{
  return commune->kind != IOC_COMMUNE_KIND_XA;
}

/**
 * ioc_sim_text_place:
 * @address: (out): the full postal-style address
 *
 * Wards get "số 123 đường X, khóm Y, phường Z"; rural communes "ấp X, xã Y".
 * Returns: the short place used inside the description.
 */
char *
ioc_sim_text_place (IocSimRng         *rng,
                    const IocCommune  *commune,
                    char             **address)
{
  if (is_urban (commune))
    {
      const char *street = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (town_streets); i++)
        if (strstr (commune->name, town_streets[i].town) != NULL
            || (i == 0 && (strcmp (commune->name, "Bình Đức") == 0
                           || strcmp (commune->name, "Mỹ Thới") == 0))
            || (i == 1 && (strcmp (commune->name, "Vĩnh Thông") == 0)))
          street = town_streets[i].streets[ioc_sim_rng_below (rng, 8)];
      if (street == NULL)
        street = common_streets[ioc_sim_rng_below (rng, G_N_ELEMENTS (common_streets))];
      *address = g_strdup_printf ("Số %u đường %s, khóm %u, %s, tỉnh An Giang",
                                  1 + ioc_sim_rng_below (rng, 380), street,
                                  1 + ioc_sim_rng_below (rng, 9), commune->full_name);
      return g_strdup_printf ("đường %s", street);
    }
  else
    {
      const char *hamlet = hamlets[ioc_sim_rng_below (rng, G_N_ELEMENTS (hamlets))];

      *address = g_strdup_printf ("Ấp %s, %s, tỉnh An Giang", hamlet, commune->full_name);
      return g_strdup_printf ("ấp %s", hamlet);
    }
}

/** ioc_sim_text_description: one template of @field with the place filled in. */
char *
ioc_sim_text_description (IocSimRng        *rng,
                          guint             field,
                          const IocCommune *commune,
                          const char       *place)
{
  const char *tmpl = templates[field % G_N_ELEMENTS (templates)][ioc_sim_rng_below (rng, 4)];
  const char *tail = tails[ioc_sim_rng_below (rng, G_N_ELEMENTS (tails))];
  GString *s = g_string_new (NULL);
  const char *p = strstr (tmpl, "{P}");

  g_string_append_len (s, tmpl, p - tmpl);
  g_string_append (s, place);
  g_string_append (s, p + 3);
  g_string_append (s, tail);
  return g_string_free (s, FALSE);
}

/** ioc_sim_text_agency_name: "UBND phường Long Xuyên", the commune-level agency. */
char *
ioc_sim_text_agency_name (const IocCommune *commune)
{
  const char *kind = commune->kind == IOC_COMMUNE_KIND_XA ? "xã"
                     : commune->kind == IOC_COMMUNE_KIND_PHUONG ? "phường" : "đặc khu";

  return g_strdup_printf ("UBND %s %s", kind, commune->name);
}

/** ioc_sim_text_note: the status note an agency or operator writes at each step. */
const char *
ioc_sim_text_note (IocSimRng  *rng,
                   const char *xs)
{
  static const char *const acknowledged[] = {
    "Đã tiếp nhận phản ánh, chuyển đơn vị chức năng xử lý.",
    "Trung tâm IOC đã tiếp nhận, đang xác minh thông tin.",
  };
  static const char *const in_progress[] = {
    "Đơn vị đã nhận xử lý, đang kiểm tra thực tế.",
    "Đã cử cán bộ kiểm tra hiện trường, đang lập phương án khắc phục.",
    "Đang phối hợp với các đơn vị liên quan để xử lý.",
  };
  static const char *const resolved[] = {
    "Đã khắc phục xong, đề nghị người dân kiểm tra và phản hồi.",
    "Đơn vị đã xử lý dứt điểm, khu vực đã trở lại bình thường.",
    "Đã lập biên bản xử lý vi phạm và yêu cầu khắc phục; hiện trạng đã được giải quyết.",
  };
  static const char *const rejected[] = {
    "Nội dung không thuộc thẩm quyền giải quyết, đã hướng dẫn người dân liên hệ Tòa án.",
    "Thông tin phản ánh không chính xác sau khi kiểm tra thực tế.",
  };
  static const char *const reopened[] = {
    "Người dân phản hồi tình trạng chưa được khắc phục triệt để, mở lại phản ánh.",
  };

#define PICK(a) a[ioc_sim_rng_below (rng, G_N_ELEMENTS (a))]
  if (g_str_equal (xs, "new"))
    return "Tiếp nhận phản ánh từ người dân.";
  if (g_str_equal (xs, "acknowledged"))
    return PICK (acknowledged);
  if (g_str_equal (xs, "in_progress"))
    return PICK (in_progress);
  if (g_str_equal (xs, "resolved"))
    return PICK (resolved);
  if (g_str_equal (xs, "rejected"))
    return PICK (rejected);
  if (g_str_equal (xs, "reopened"))
    return PICK (reopened);
  if (g_str_equal (xs, "duplicate"))
    return "Phản ánh trùng nội dung với phản ánh đã tiếp nhận trước đó.";
#undef PICK
  return "";
}
