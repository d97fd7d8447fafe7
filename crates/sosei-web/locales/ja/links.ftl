# What a page tells search engines and link previews (LINE, SNS) when it has no description of its own.
page-description-default = Sosei は、地域と外の人をつなぐ地方創生のためのオープンソース・プラットフォームです。地域の話し合い、ビジョン、人のつながり、プログラムへの参加を一つの場所で。
