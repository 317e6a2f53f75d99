package org.newsarchive.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** Lucene's Porter stemmer, kept so the stemmer choice can be re-measured (scripts/compare_stemmers.py). */
@NamedComponent("newsarchive_porter_stem")
public class PorterStemFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new RemoveDuplicatesTokenFilter(new PorterStemFilter(new KeepOriginalFilter(tokenStream)));
    }
}
