# The site's entrances: the five S's of regional revitalisation, and how pages link to each other

nav-conversations = Conversations
navigation-not-yet = This part is not here yet. Once it is ready, this is where it will start.
navigation-hero-conversations = Join a Chie Lab conversation

navigation-conversations-heading = Chie Lab conversations
navigation-region-no-conversations = There are no conversations about this region yet.
navigation-organisation-no-conversations = This organisation has no conversations yet.
navigation-conversation-pages = Pages of this conversation
navigation-conversation-results = See the results
navigation-conversation-report = Read the report
navigation-conversation-manage = Run this conversation
navigation-conversation-about = About this conversation
navigation-programme-manage = Manage this programme
navigation-programme-public = View the public page
navigation-table-scrolls = Table (scrolls sideways on a narrow screen)
