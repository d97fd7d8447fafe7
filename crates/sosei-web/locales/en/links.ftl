# What a page tells search engines and link previews (LINE, social media) when it has no description of its own.
page-description-default = Sosei is an open-source platform for regional revitalisation that connects Japan's towns with people from outside: a town's dialogues, its vision, the ties between people and the programmes to take part in, in one place.
