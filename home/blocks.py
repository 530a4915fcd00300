"""StreamField blocks shared by the home page and general content pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=255,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text=_("Used when no page is chosen."))
    button_label = blocks.CharBlock(max_length=60)

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, help_text=_("Defaults to the document's title."))
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_download_block.html"


class KeyMessagesBlock(blocks.StructBlock):
    title = blocks.CharBlock(default=_("Key messages"), max_length=120)
    messages = blocks.ListBlock(blocks.CharBlock(max_length=300))

    class Meta:
        icon = "list-ul"
        template = "blocks/key_messages_block.html"


class VideoLinkBlock(blocks.StructBlock):
    """A link to a video, not an embed: embeds would load third-party content."""

    title = blocks.CharBlock(max_length=200)
    url = blocks.URLBlock()
    duration = blocks.CharBlock(required=False, max_length=20, help_text=_("For example 4:30"))
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "media"
        template = "blocks/video_link_block.html"


class CardBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock()
    title = blocks.CharBlock(required=False, max_length=120, help_text=_("Defaults to the page title."))
    text = blocks.TextBlock(required=False)


class CardsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=120)
    cards = blocks.ListBlock(CardBlock())

    class Meta:
        icon = "table"
        template = "blocks/cards_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h2", "h3", "h4"],
        template="blocks/paragraph_block.html",
    )
    image = CaptionedImageBlock()
    call_to_action = CallToActionBlock()
    document = DocumentDownloadBlock()
    key_messages = KeyMessagesBlock()
    video = VideoLinkBlock()
    cards = CardsBlock()
