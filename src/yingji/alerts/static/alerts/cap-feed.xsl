<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows Yingji's Atom and RSS feeds of CAP messages as a readable page in a browser (feed readers ignore it). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom"
                exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:feed/atom:title | rss/channel/title"/></title>
        <style>
          body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; background: #f6f6f6; color: #222; }
          header { background: #b3261e; color: #fff; padding: 12px 16px; }
          header h1 { font-size: 1.1rem; margin: 0; }
          header p { font-size: .85rem; margin: 4px 0 0; }
          main { max-width: 860px; margin: 0 auto; padding: 12px 16px; }
          article { background: #fff; border-left: 6px solid #b3261e; border-radius: 4px; padding: 10px 14px; margin: 0 0 12px; }
          article h2 { font-size: 1rem; margin: 0 0 4px; }
          .meta { color: #666; font-size: .85rem; margin: 0 0 6px; }
          .kind { display: inline-block; padding: 0 6px; border-radius: 3px; background: #eee; margin-right: 6px; }
          .Cancel { background: #e6f4ea; } .Update { background: #fff4d6; }
        </style>
      </head>
      <body>
        <header>
          <h1 class="feed-title"><xsl:value-of select="atom:feed/atom:title | rss/channel/title"/></h1>
          <p>这是 CAP 预警订阅源（Atom / RSS）。把本页地址添加到订阅阅读器或 CAP 汇聚平台即可自动接收预警、更新与解除。</p>
        </header>
        <main>
          <xsl:apply-templates select="atom:feed/atom:entry | rss/channel/item"/>
          <xsl:if test="not(atom:feed/atom:entry | rss/channel/item)"><p>近期没有发布预警。</p></xsl:if>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="atom:entry">
    <article class="entry">
      <h2><span class="kind {atom:category/@term}"><xsl:value-of select="atom:category/@term"/></span>
        <a href="{atom:link[@rel='related']/@href}"><xsl:value-of select="atom:title"/></a></h2>
      <p class="meta"><xsl:value-of select="atom:updated"/> · <a href="{atom:link[@rel='alternate']/@href}">CAP XML</a></p>
      <p><xsl:value-of select="atom:summary"/></p>
    </article>
  </xsl:template>

  <xsl:template match="item">
    <article class="entry">
      <h2><span class="kind {category}"><xsl:value-of select="category"/></span>
        <a href="{link}"><xsl:value-of select="title"/></a></h2>
      <p class="meta"><xsl:value-of select="pubDate"/> · <a href="{link}">CAP XML</a></p>
      <p><xsl:value-of select="description"/></p>
    </article>
  </xsl:template>
</xsl:stylesheet>
