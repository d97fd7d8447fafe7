# サイトの入口：地方創生の「5つのS」と、各ページどうしのつながり

nav-conversations = 知恵ラボ
navigation-not-yet = この部分はまだありません。準備が整いしだい、ここから入れるようになります。
navigation-hero-conversations = 知恵ラボの話し合いに参加する

navigation-conversations-heading = 知恵ラボの話し合い
navigation-region-no-conversations = この地域の話し合いは、まだありません。
navigation-organisation-no-conversations = この団体の話し合いは、まだありません。
navigation-conversation-pages = この話し合いのページ
navigation-conversation-results = 結果を見る
navigation-conversation-report = 報告書を読む
navigation-conversation-manage = 話し合いを運営する
navigation-conversation-about = この話し合いについて
navigation-programme-manage = このプログラムを管理する
navigation-programme-public = 公開ページを見る
navigation-table-scrolls = 表（狭い画面では横にスクロールできます）
