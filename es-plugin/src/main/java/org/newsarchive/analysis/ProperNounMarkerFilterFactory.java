package org.newsarchive.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * Marks capitalised tokens ("Denys", "NATO") as keywords so that the archive's stemmer leaves them alone:
 * without it, KStem and Porter both turn the name "Denys" into "deny", and a search for "denied" finds every
 * article about Denys Shmyhal. Must run before the lowercase filter.
 */
@NamedComponent("newsarchive_proper_noun_marker")
public class ProperNounMarkerFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ProperNounMarkerFilter(tokenStream);
    }
}
