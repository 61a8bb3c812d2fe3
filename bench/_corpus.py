"""Deterministic synthetic Japanese corpus for the Easy Japanese analysis benchmark.

The benchmark needs a realistic body of Japanese text of roughly 200 KB, of the kind a prefecture
or municipality publishes: formal official notices (disaster information, evacuation alert levels,
shelters, water distribution, outages; garbage, resident registration, tax, health check-ups,
vaccination, consultation desks, Japanese classes, sister-city events) and the same kind of
content rewritten in Easy Japanese (やさしい日本語: short sentences, です/ます, spaces between
phrases).

Every sentence below was composed for this module. Nothing was downloaded or copied from
another source; the text is original and synthetic, and any resemblance to a real notice is
only in genre. Place names are real Fukushima and Yamagata municipalities, used as slot fillers
only; facility names, dates, times and figures are invented.

The corpus ships as code so the benchmark needs no network and no data files.
:func:`generate` assembles it from the sentence pools with ``random.Random(seed)``, so the same
seed always gives the same text. :func:`documents` returns the same text split into
notice-sized documents of about 1-3 KB.
"""

import datetime
import random
import re

# --- slot fillers ------------------------------------------------------------------------------

PLACES = (
    "福島市",
    "郡山市",
    "いわき市",
    "会津若松市",
    "白河市",
    "須賀川市",
    "喜多方市",
    "相馬市",
    "二本松市",
    "南相馬市",
    "伊達市",
    "本宮市",
    "山形市",
    "米沢市",
    "鶴岡市",
    "酒田市",
    "新庄市",
    "寒河江市",
    "上山市",
    "天童市",
    "東根市",
    "南陽市",
)

FACILITIES = (
    "中央公民館",
    "市民文化会館",
    "総合体育館",
    "保健センター",
    "総合福祉センター",
    "市民交流プラザ",
    "第一小学校体育館",
    "東部地区コミュニティセンター",
    "西部地区市民センター",
    "市役所本庁舎1階市民ホール",
    "国際交流センター",
    "勤労青少年ホーム",
)

TIMES = (
    "9時00分",
    "10時30分",
    "13時00分",
    "15時30分",
    "17時45分",
    "午前9時",
    "午前10時",
    "正午",
    "午後1時30分",
    "午後3時",
    "午後6時",
)

EASY_TIMES = ("朝9時", "午前10時", "午後1時", "午後3時", "夕方5時", "夜7時")

NUMBERS = ("3", "12", "25", "48", "76", "130", "215", "480", "1,250", "3,600")

_WEEKDAYS = "月火水木金土日"
_DAYS = (
    datetime.date(2026, 4, 12),
    datetime.date(2026, 6, 1),
    datetime.date(2026, 7, 18),
    datetime.date(2026, 8, 30),
    datetime.date(2026, 9, 6),
    datetime.date(2026, 10, 24),
    datetime.date(2026, 11, 21),
    datetime.date(2026, 12, 28),
    datetime.date(2027, 1, 17),
    datetime.date(2027, 3, 11),
)

# 令和元年 = 2019, so 令和 year = Western year - 2018.
DATES = tuple(
    f"令和{d.year - 2018}年{d.month}月{d.day}日（{_WEEKDAYS[d.weekday()]}）" for d in _DAYS
)
EASY_DATES = tuple(f"{d.month}月{d.day}日（{_WEEKDAYS[d.weekday()]}曜日）" for d in _DAYS)

SLOTS: dict[str, tuple[str, ...]] = {
    "place": PLACES,
    "facility": FACILITIES,
    "time": TIMES,
    "etime": EASY_TIMES,
    "date": DATES,
    "edate": EASY_DATES,
    "number": NUMBERS,
}

# --- sentences: (a) formal notices ---------------------------------------------------------------

FORMAL_DISASTER = (
    "本日{time}頃、福島県沖を震源とする地震が発生し、{place}で最大震度5強を観測しました。",
    (
        "気象庁は、福島県の沿岸部に津波警報を発表しました。海岸付近にいる方は、"
        "直ちに高台や津波避難ビルなど、安全な場所へ避難してください。"
    ),
    (
        "津波は繰り返し襲ってくるおそれがありますので、警報が解除されるまでは、"
        "決して海岸や河口付近に近づかないでください。"
    ),
    "{place}は、{date}{time}、市内全域に警戒レベル4「避難指示」を発令しました。",
    (
        "警戒レベル3「高齢者等避難」が発令された場合、高齢の方や障がいのある方、"
        "乳幼児をお連れの方など、避難に時間を要する方は、速やかに避難を開始してください。"
    ),
    (
        "警戒レベル5「緊急安全確保」は、"
        "既に災害が発生しているか切迫している状況で発令されるものであり、"
        "必ず発令されるとは限りませんので、警戒レベル4までに必ず避難してください。"
    ),
    (
        "避難所として{facility}を開設いたしましたので、避難される方は、食料、飲料水、常備薬、"
        "マスク等を可能な範囲でご持参ください。"
    ),
    "{time}現在、{facility}には{number}人の方が避難されています。",
    (
        "大雨特別警報が発表されました。これまでに経験したことのないような大雨となっており、"
        "重大な災害が発生するおそれが著しく高まっています。"
    ),
    (
        "台風第14号の接近に伴い、明日未明から昼過ぎにかけて、県内全域で非常に強い風が吹き、"
        "局地的に雷を伴った激しい雨が降る見込みです。"
    ),
    (
        "屋外の植木鉢や物干し竿など、飛ばされやすい物は屋内に収納するか固定するなど、"
        "早めの対策をお願いいたします。"
    ),
    (
        "阿武隈川の水位が氾濫危険水位に達したため、流域にお住まいの皆様は、"
        "直ちに安全な場所へ避難してください。"
    ),
    (
        "夜間や大雨の中での移動はかえって危険な場合がありますので、その際は自宅の2階以上など、"
        "少しでも安全な場所に留まる「垂直避難」をご検討ください。"
    ),
    "土砂災害警戒区域にお住まいの方は、がけ崩れや土石流の前兆現象に十分ご注意ください。",
    "断水が発生している地区の皆様へ、応急給水を実施いたします。",
    "給水車による応急給水は、{date}{time}から、{facility}駐車場において行います。",
    "給水を受ける際は、ポリタンクやペットボトル等、清潔な容器をご持参ください。",
    (
        "食料及び毛布等の救援物資につきましては、各避難所にて順次配布いたしますが、"
        "数に限りがございますので、あらかじめご了承ください。"
    ),
    "現在、{place}の一部地域において、約{number}戸で停電が発生しております。",
    "電力会社によりますと、復旧の見通しは現時点では立っておりません。",
    (
        "垂れ下がった電線には絶対に触れず、"
        "見つけた場合は速やかに電力会社のコールセンターへご連絡ください。"
    ),
    (
        "停電からの復旧時には、電気ストーブ等による通電火災のおそれがありますので、"
        "避難の際はブレーカーを切ってください。"
    ),
    "余震が続いておりますので、倒壊のおそれがある家屋やブロック塀には近づかないでください。",
    "被災された住宅の罹災証明書の申請受付を、{date}から{facility}にて開始いたします。",
    "申請の際は、本人確認書類及び被害の状況が分かる写真をお持ちください。",
    (
        "災害ボランティアセンターを開設いたしました。ボランティア活動を希望される方は、"
        "事前登録の上、ご参加くださいますようお願い申し上げます。"
    ),
    (
        "外国人住民の皆様向けに、多言語による災害情報を、"
        "市ホームページ及び防災アプリにて配信しております。"
    ),
    "避難所では、感染症予防のため、手洗い・換気・咳エチケットの徹底にご協力をお願いいたします。",
    "国道4号の一部区間が、土砂崩れにより全面通行止めとなっております。",
    (
        "JR線は始発から運転を見合わせております。最新の運行情報は、"
        "各鉄道会社のウェブサイトでご確認ください。"
    ),
    "市では災害対策本部を設置し、関係機関と連携して情報収集及び被害状況の把握に努めております。",
    "日頃から、ハザードマップで自宅周辺の危険箇所や避難場所、避難経路をご確認ください。",
    (
        "非常用持ち出し袋には、最低3日分、"
        "可能であれば1週間分の水と食料を備蓄しておくことをお勧めします。"
    ),
    (
        "{date}、{place}総合防災訓練を実施いたします。当日は{time}にサイレンを吹鳴いたしますので、"
        "ご承知おきください。"
    ),
    (
        "この訓練は、大規模地震の発生を想定し、住民の皆様の防災意識の向上と、"
        "関係機関の連携強化を図ることを目的としております。"
    ),
    "防災行政無線の放送内容は、フリーダイヤルの電話応答サービスで確認することができます。",
    "今後の情報に十分ご注意ください。",
    "{date}{time}をもって、避難指示を解除いたしました。",
    "避難所へ行くことだけが避難ではありません。安全な親戚・知人宅への避難もご検討ください。",
    (
        "車中泊をされる方は、エコノミークラス症候群を予防するため、"
        "こまめな水分補給と適度な運動を心掛けてください。"
    ),
    "一時帰宅される際は、必ず2人以上で行動し、ヘルメットや軍手、長靴を着用してください。",
    "ペットと同行避難される方は、ケージやリード、ペットフード等をご準備ください。",
    "ご家族やご近所の方の安否は確認できましたか？",
    (
        "今回の地震により被害を受けられた住宅につきましては、"
        "被害認定調査の結果に基づき罹災証明書を交付いたしますが、"
        "申請が集中した場合には交付までに相当の日数を要することが見込まれますので、"
        "あらかじめご了承くださいますようお願い申し上げます。"
    ),
    (
        "大雪警報の発表に伴い、不要不急の外出はお控えいただき、屋根の雪下ろしの際は、"
        "命綱やヘルメットを着用の上、必ず2人以上で作業してください。"
    ),
)

FORMAL_DAILY = (
    "年末年始のごみ収集日程についてお知らせいたします。",
    (
        "燃やせるごみは、週2回、指定された曜日の午前8時30分までに、"
        "各地区のごみ集積所へお出しください。"
    ),
    "缶・びん・ペットボトルは、中身を空にし、軽く水洗いしてから、資源物の日にお出しください。",
    (
        "スプレー缶やカセットボンベは、収集車両火災の原因となりますので、"
        "必ず中身を使い切ってから出してください。"
    ),
    (
        "粗大ごみの収集は事前申込制となっておりますので、収集希望日の1週間前までに、"
        "生活環境課へお申し込みください。"
    ),
    (
        "外国籍の方が{place}に転入された場合は、"
        "転入した日から14日以内に住民登録の手続きを行ってください。"
    ),
    "手続きの際は、在留カード又は特別永住者証明書及びパスポートをお持ちください。",
    (
        "マイナンバーカードの交付申請は、市役所本庁舎1階市民課窓口のほか、"
        "スマートフォンやパソコンからも行うことができます。"
    ),
    (
        "住民票の写し及び印鑑登録証明書は、マイナンバーカードを利用して、"
        "全国のコンビニエンスストアで取得することができます。"
    ),
    "令和8年度の個人住民税（市民税・県民税）の納税通知書を、6月中旬に発送いたします。",
    (
        "第1期分の納期限は6月30日です。期限までに、"
        "金融機関又はコンビニエンスストアで納付してください。"
    ),
    "口座振替をご利用いただくと、納め忘れがなく便利です。",
    "納期限を過ぎますと、延滞金が加算される場合がありますので、ご注意ください。",
    (
        "災害等により納税が困難な方は、減免又は徴収猶予の制度がございますので、"
        "税務課までご相談ください。"
    ),
    "40歳から74歳までの国民健康保険加入者を対象に、特定健康診査を実施いたします。",
    "受診を希望される方は、{date}までに、同封の申込書により保健センターへお申し込みください。",
    "胃がん・大腸がん・肺がん検診は、{date}、{facility}において集団検診方式で実施いたします。",
    "受診当日は、保険証と受診券を忘れずにお持ちください。",
    "新型コロナウイルスワクチンの定期接種は、65歳以上の方等を対象に、{date}から開始いたします。",
    (
        "インフルエンザ予防接種の費用の一部を助成いたします。対象となるのは、"
        "接種日時点で65歳以上の方です。"
    ),
    "接種を希望される方は、市内の実施医療機関に直接ご予約ください。",
    "乳幼児の定期予防接種は、母子健康手帳をお持ちの上、かかりつけ医にて接種してください。",
    "外国人住民の方を対象とした無料の生活相談窓口を、{facility}に開設しております。",
    "相談は、英語、中国語、韓国語、ベトナム語、ネパール語及びやさしい日本語で対応いたします。",
    "相談は無料で、秘密は厳守いたします。お気軽にご利用ください。",
    "来庁が難しい方は、タブレット端末を活用したオンライン通訳サービスもご利用いただけます。",
    "市内在住・在勤の外国人の方を対象に、日本語教室を開催いたします。",
    "日時は毎週土曜日の{time}から2時間、会場は{facility}です。",
    "受講料は無料ですが、テキスト代として500円を実費負担いただきます。",
    "日本語教室では、ボランティアの日本語サポーターを随時募集しております。",
    (
        "姉妹都市提携30周年を記念し、{date}、"
        "{facility}において国際交流フェスティバルを開催いたします。"
    ),
    (
        "当日は、各国の料理を楽しめる屋台ブースのほか、"
        "民族衣装の試着体験やステージパフォーマンス等を予定しております。"
    ),
    "姉妹都市からの訪問団をお迎えするに当たり、中学生のホームステイ受入家庭を募集いたします。",
    "応募多数の場合は抽選とさせていただきますので、あらかじめご了承ください。",
    "詳しくは、市ホームページをご覧いただくか、国際交流課までお問い合わせください。",
    "児童手当の現況届は原則として提出不要となりましたが、一部の方は引き続き提出が必要です。",
    (
        "国民健康保険に加入している方が、就職等により職場の健康保険に加入した場合は、"
        "14日以内に脱退の届出をしてください。"
    ),
    "市役所の窓口受付時間は、平日の午前8時30分から午後5時15分までです。",
    "毎週木曜日は午後7時まで窓口の受付時間を延長し、一部の手続きを受け付けております。",
    "庁舎の改修工事に伴い、{date}から当面の間、市民課窓口を{facility}に移転いたします。",
    "ご不便をおかけいたしますが、ご理解とご協力を賜りますようお願い申し上げます。",
    "本計画案に関するご意見・ご要望を、パブリックコメントとして募集いたします。",
    "子育て世帯を対象とした臨時特別給付金の申請期限は{date}です。お忘れのないようご注意ください。",
    (
        "熱中症警戒アラートが発表された日は、エアコンを適切に使用し、"
        "こまめに水分・塩分を補給してください。"
    ),
    (
        "昨年度の国際交流フェスティバルには{number}人を超える方にご来場いただき、"
        "大盛況のうちに終了いたしました。"
    ),
    (
        "{place}では、外国人住民の皆様が安心して暮らせる多文化共生のまちづくりを推進するため、"
        "生活情報の多言語化ややさしい日本語による情報発信、地域の日本語教室への支援など、"
        "様々な取組を関係団体と連携しながら進めております。"
    ),
    (
        "特定健康診査の結果、生活習慣病の発症リスクが高いと判定された方には、"
        "保健師や管理栄養士による特定保健指導のご案内をお送りいたしますので、"
        "ご自身の健康管理にお役立ていただきますよう、積極的なご利用をお願いいたします。"
    ),
    "皆様のご参加を心よりお待ちしております！",
)

# --- sentences: (b) Easy Japanese (やさしい日本語) -------------------------------------------

EASY_DISASTER = (
    "大きい 地震が ありました。",
    "津波が 来ます。すぐに 高い ところへ 逃げて ください。",
    "海や 川に 近づかないで ください。",
    "{place}に 「避難指示」が 出ました。",
    "「避難指示」は、危ない ところから 逃げて ください という 意味です。",
    "避難所は {facility}です。",
    "避難所では 水や 食べ物を もらう ことが できます。",
    "水を 配ります。{edate} {etime}からです。",
    "水を 入れる ものを 持って きて ください。",
    "電気が 止まって います。",
    "電気が いつ 戻るか、まだ わかりません。",
    "雨が たくさん 降って います。外に 出ないで ください。",
    "台風が 来ます。風が とても 強く なります。",
    "窓や ドアを しっかり 閉めて ください。",
    "地震の ときは、机の 下に 入って、頭を 守って ください。",
    "けがを した 人は いますか？",
    "困った ときは 市役所に 電話して ください。",
    "テレビや ラジオで 新しい 情報を 見て ください。",
    "また 地震が 来るかも しれません。気を つけて ください。",
    "逃げる ときは、近所の 人にも 声を かけましょう！",
)

EASY_DAILY = (
    "ごみは 決まった 日に 出して ください。",
    "燃える ごみは 朝 8時30分までに 出します。",
    "缶と びんは 分けて 出して ください。",
    "日本に 来たら、14日以内に 市役所で 住所の 手続きを します。",
    "在留カードと パスポートを 持って きて ください。",
    "税金の お知らせが 家に 届きます。",
    "6月30日までに 税金を 払って ください。銀行や コンビニで 払う ことが できます。",
    "体の 検査（健康診断）を 受けましょう。",
    "病院で 注射（予防接種）を 受ける ことが できます。",
    "お金は かかりません。",
    "困った ことが あったら、相談して ください。",
    "英語や 中国語や ベトナム語で 話す ことが できます。",
    "日本語教室が あります。だれでも 来る ことが できます。",
    "毎週 土曜日です。場所は {facility}です。",
    "{edate}に 国際交流の お祭りが あります。",
    "いろいろな 国の 料理を 食べる ことが できます！",
    "市役所は 土曜日と 日曜日は 休みです。",
    "わからない ことは ありますか？",
)

# --- headings (no 。, on a line of their own) ------------------------------------------------

HEADINGS = {
    ("disaster", "formal"): (
        "【緊急】避難指示の発令について",
        "津波警報発表に伴う避難のお願い",
        "台風第14号に関する注意喚起",
        "応急給水のお知らせ",
        "停電情報（{time}現在）",
        "避難所開設状況",
        "{place}総合防災訓練の実施について",
    ),
    ("disaster", "easy"): (
        "地震の 情報",
        "水を 配ります",
        "避難所の お知らせ",
    ),
    ("daily", "formal"): (
        "年末年始のごみ収集について",
        "令和8年度 特定健康診査のご案内",
        "個人住民税の納付について",
        "外国人住民のための生活相談窓口",
        "日本語教室 受講生募集",
        "姉妹都市交流事業のお知らせ",
        "インフルエンザ予防接種費用の助成について",
    ),
    ("daily", "easy"): (
        "やさしい 日本語の お知らせ",
        "ごみの 出し方",
        "日本語教室の お知らせ",
        "相談できる ところ",
    ),
}

SENTENCES = {
    ("disaster", "formal"): FORMAL_DISASTER,
    ("disaster", "easy"): EASY_DISASTER,
    ("daily", "formal"): FORMAL_DAILY,
    ("daily", "easy"): EASY_DAILY,
}

_SLOT = re.compile(r"\{(\w+)\}")


def _fill(rng: random.Random, template: str) -> str:
    """Replace every ``{slot}`` in *template* with a random filler for that slot."""
    return _SLOT.sub(lambda m: rng.choice(SLOTS[m.group(1)]), template)


def _paragraph(rng: random.Random, topic: str, style: str) -> str:
    """2-6 distinct sentences of one topic and style, as one line of text."""
    pool = SENTENCES[topic, style]
    parts = [_fill(rng, s) for s in rng.sample(pool, rng.randint(2, 6))]
    if style == "easy":
        # Easy Japanese keeps sentences apart, like the phrases inside them.
        return " ".join(parts)
    # In running formal text a full-width space follows ？ and ！, nothing follows 。.
    return "".join(p + "　" if p[-1] in "？！" else p for p in parts[:-1]) + parts[-1]


def _build(size_bytes: int, seed: int) -> list[str]:
    """Assemble documents until their UTF-8 size reaches *size_bytes*."""
    rng = random.Random(seed)
    docs: list[str] = []
    total = 0
    while total < size_bytes:
        topic = rng.choice(("disaster", "daily"))
        primary = "formal" if rng.random() < 0.9 else "easy"
        target = rng.randint(900, 2200)
        secondary = "easy" if primary == "formal" else "formal"
        # Each line is followed by "\n"; the document ends with a blank line.
        lines = [_fill(rng, rng.choice(HEADINGS[topic, primary]))]
        size = len(lines[0].encode()) + 2
        while True:
            style = primary if rng.random() < 0.85 else secondary
            r = rng.random()
            if r < 0.2:
                new = [""]
            elif r < 0.3:
                new = ["", _fill(rng, rng.choice(HEADINGS[topic, style]))]
            else:
                new = []
            new.append(_paragraph(rng, topic, style))
            lines.extend(new)
            size += sum(len(line.encode()) + 1 for line in new)
            if size >= target or total + size >= size_bytes:
                break
        doc = "\n".join(lines) + "\n\n"
        docs.append(doc)
        total += len(doc.encode())
    return docs


def documents(size_bytes: int = 200_000, seed: int = 2026) -> list[str]:
    """The corpus of :func:`generate` as a list of notice-sized documents (about 1-3 KB each).

    ``"".join(documents(n, s)) == generate(n, s)`` for any *n* and *s*.
    """
    return _build(size_bytes, seed)


def generate(size_bytes: int = 200_000, seed: int = 2026) -> str:
    """Return at least *size_bytes* bytes (UTF-8) of synthetic Japanese text.

    The text is cut at a paragraph boundary, so it may exceed *size_bytes* by up to one
    paragraph. The same *seed* always gives the same text.
    """
    return "".join(_build(size_bytes, seed))


if __name__ == "__main__":
    import time

    start = time.perf_counter()
    text = generate()
    elapsed = time.perf_counter() - start
    docs = documents()
    print(f"bytes={len(text.encode())} documents={len(docs)} seconds={elapsed:.3f}")
    print(text[:300])
